/// Call configuration, identity checks and the integrity rules of a call.
public enum IntegrityModule {}
