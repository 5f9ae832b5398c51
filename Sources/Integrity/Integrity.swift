/// Call configuration, identity checks and the integrity rules of a call.
package enum IntegrityModule {}
