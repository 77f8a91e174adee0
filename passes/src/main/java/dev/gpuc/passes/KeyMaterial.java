package dev.gpuc.passes;

import dev.gpuc.api.CompileJob;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.Slot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The bytes a cache key is hashed from: every input that changes the output, in a fixed order.
 * The module's part is its canonical bitcode after extraction, which holds no session address;
 * under BAKE the output does depend on the addresses, so they are included then.
 */
final class KeyMaterial {
    private KeyMaterial() {}

    static byte[] of(CompileJob job, String machine, String pipeline, RelocationStrategy strategy, boolean portable,
                     List<String> entryPoints, RelocationTable table, byte[] bitcode) {
        StringBuilder sb = new StringBuilder("gpuc-key-material 1\n")
                .append("target=").append(job.target().describe()).append('\n')
                .append("machine=").append(machine).append('\n')
                .append("pipeline=").append(pipeline).append('\n')
                .append("opt=").append(job.optLevel()).append('\n')
                .append("kernel=").append(job.kernel()).append('\n')
                .append("debug=").append(job.debugInfo()).append('\n')
                .append("validate=").append(job.validate()).append('\n')
                .append("allowed-externals=").append(String.join(",", job.allowedExternals())).append('\n')
                .append("entry-points=").append(String.join(",", entryPoints)).append('\n')
                .append("strategy=").append(strategy).append('\n')
                .append("portable=").append(portable).append('\n');
        if (strategy == RelocationStrategy.BAKE) {
            for (Slot s : table.slots()) {
                sb.append("baked=").append(s.key()).append("=0x").append(Long.toHexString(s.compileTimeValue())).append('\n');
            }
        }
        sb.append("bitcode=").append(bitcode.length).append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream(sb.length() + bitcode.length);
        out.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bitcode);
        return out.toByteArray();
    }
}
