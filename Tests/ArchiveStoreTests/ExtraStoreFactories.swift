/// Factories of stores that need a server (PostgreSQL), added when one is configured.
let extraFactories: [StoreFactory] = []

/// Job queues of stores that need a server, added the same way.
let extraJobQueueFactories: [JobQueueFactory] = []

/// Service-state stores of stores that need a server, added the same way.
let extraServiceStateFactories: [ServiceStateFactory] = []
