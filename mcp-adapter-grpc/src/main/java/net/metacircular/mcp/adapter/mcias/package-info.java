/** The MCIAS adapter: token validation and login over HTTPS, the whole MCIAS HTTP contract in one class. */
package net.metacircular.mcp.adapter.mcias;
