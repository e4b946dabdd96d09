package net.metacircular.mcp.port.out;

/** Runs the registry contract against the in-memory fake, so that the fake stays honest. */
class InMemoryRegistryContractTest extends RegistryContract {
    @Override
    protected Registry newRegistry() {
        return new InMemoryRegistry();
    }
}
