/// Factories of stores that need a server (PostgreSQL), added when one is configured.
let extraFactories: [StoreFactory] = []
