package dev.gpuc.isolation;

/** KEY_MATERIAL: the started job's key material, and the worker's own time on the request ({@link ServiceClock}). */
record KeyMaterialReply(byte[] keyMaterial, long serviceNanos) {
    static byte[] encode(byte[] keyMaterial, ServiceClock clock) {
        return new WireWriter().bytes(keyMaterial).i64(clock.serviceNanos()).toByteArray();
    }

    static KeyMaterialReply decode(byte[] body) {
        WireReader r = new WireReader(body);
        KeyMaterialReply reply = new KeyMaterialReply(r.bytes(), r.i64());
        r.end();
        return reply;
    }
}
