/**
 * The node's service data directories on the local filesystem: single-file reads and writes confined to
 * {@code <srv_dir>/<service>/}, walked one directory at a time without following symlinks.
 */
package net.metacircular.mcp.adapter.files;
