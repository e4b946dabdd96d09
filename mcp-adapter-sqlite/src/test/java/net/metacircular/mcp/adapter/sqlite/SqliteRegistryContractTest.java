package net.metacircular.mcp.adapter.sqlite;

import java.nio.file.Path;
import java.time.Duration;
import net.metacircular.mcp.port.out.Registry;
import net.metacircular.mcp.port.out.RegistryContract;
import org.junit.jupiter.api.io.TempDir;

/** Runs the registry contract against a SQLite file registry, reopening the file to prove durability. */
class SqliteRegistryContractTest extends RegistryContract {
    @TempDir
    Path dir;

    @Override
    protected Registry newRegistry() {
        return SqliteRegistry.open(dir.resolve("mcp.db"), Duration.ofSeconds(5));
    }

    @Override
    protected Registry reopen(Registry old) {
        old.close();
        return SqliteRegistry.open(dir.resolve("mcp.db"), Duration.ofSeconds(5));
    }
}
