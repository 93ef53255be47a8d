"""Channel adapters: translate platform payloads to Incoming and Outgoing to platform calls."""
