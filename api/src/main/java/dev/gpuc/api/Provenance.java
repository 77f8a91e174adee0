package dev.gpuc.api;

/** Where an artifact came from: enough to tell whether it may be reused. */
public record Provenance(String gpucVersion, String llvmVersion, String backend, String backendVersion,
                         String target) {}
