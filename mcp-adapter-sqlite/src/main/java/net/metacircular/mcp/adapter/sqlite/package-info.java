/**
 * The SQLite registry adapter: the node's services, components and events in one SQLite file through JDBI, with
 * numbered migrations, WAL, foreign keys and a busy timeout.
 */
package net.metacircular.mcp.adapter.sqlite;
