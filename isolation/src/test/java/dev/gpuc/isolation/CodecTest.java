package dev.gpuc.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gpuc.api.Artifact;
import dev.gpuc.api.ArtifactCodec;
import dev.gpuc.api.Availability;
import dev.gpuc.api.Backend;
import dev.gpuc.api.BackendCrash;
import dev.gpuc.api.BackendFailure;
import dev.gpuc.api.BackendUnavailable;
import dev.gpuc.api.BasicTarget;
import dev.gpuc.api.CacheCorruption;
import dev.gpuc.api.CompilationContext;
import dev.gpuc.api.CompileJob;
import dev.gpuc.api.DebugInfo;
import dev.gpuc.api.EntryPoint;
import dev.gpuc.api.GpucException;
import dev.gpuc.api.InvalidInputIr;
import dev.gpuc.api.InvalidIrForTarget;
import dev.gpuc.api.ModuleSource;
import dev.gpuc.api.Payload;
import dev.gpuc.api.Provenance;
import dev.gpuc.api.RelocationStrategy;
import dev.gpuc.api.RelocationTable;
import dev.gpuc.api.RuntimeValues;
import dev.gpuc.api.Slot;
import dev.gpuc.api.Target;
import dev.gpuc.api.UnresolvedRuntimeValue;
import dev.gpuc.api.UnsupportedFeature;
import dev.gpuc.ir.Module;
import dev.gpuc.ir.TargetMachineSpec;
import dev.gpuc.passes.CompileResult;
import dev.gpuc.passes.ExtractionResult;
import dev.gpuc.passes.StageTiming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The protocol's encodings: jobs, replies, artifacts, errors and frames survive the trip, and garbage is refused as such. */
class CodecTest {
    /** A backend's own target type: rebuilt in the worker through Backend.target. */
    private record OwnTarget(String arch, SortedMap<String, String> options) implements Target {
        @Override
        public String backend() {
            return "own";
        }

        @Override
        public String triple() {
            return "x86_64-unknown-linux-gnu";
        }

        @Override
        public String features() {
            return "";
        }
    }

    /** Rebuilds OwnTarget from its settings, upper-casing the arch when {@code drift} is set. */
    private record OwnBackend(boolean drift) implements Backend {
        @Override
        public String id() {
            return "own";
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public Target defaultTarget() {
            return target("x", "", Map.of());
        }

        @Override
        public Target target(String arch, String features, Map<String, String> options) {
            return new OwnTarget(drift ? arch.toUpperCase(java.util.Locale.ROOT) : arch, new TreeMap<>(options));
        }

        @Override
        public Set<RelocationStrategy> supportedStrategies() {
            return Set.of(RelocationStrategy.BAKE);
        }

        @Override
        public RelocationStrategy preferredStrategy() {
            return RelocationStrategy.BAKE;
        }

        @Override
        public OptionalInt kernelCallingConvention() {
            return OptionalInt.empty();
        }

        @Override
        public TargetMachineSpec machine(Target target, int optLevel) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void prepare(Module module, CompilationContext context) {}

        @Override
        public List<Payload> emit(Module module, CompilationContext context) {
            return List.of();
        }
    }

    private static CompileJob fullJob(Target target) {
        return CompileJob.builder(ModuleSource.ofText("main.ll", "; main ünïcode"), target).optLevel(3)
                .entryPoint("a").entryPoint("b").kernel(false).debugInfo(DebugInfo.LINE_TABLES).validate(false)
                .library(new ModuleSource("lib.bc", new byte[] {'B', 'C', (byte) 0xc0, (byte) 0xde}))
                .relocation(RelocationStrategy.TABLE).allowExternal("malloc").allowExternal("jl_*").build();
    }

    private static byte[] encode(CompileJob job) {
        return JobCodec.encode(new WireWriter(), job).toByteArray();
    }

    /** Decodes a body that holds exactly one job's fields. */
    private static CompileJob decode(byte[] body, Backend backend, RuntimeValues values) {
        WireReader r = new WireReader(body);
        CompileJob job = JobCodec.decode(r, backend, values);
        r.end();
        return job;
    }

    @Test
    void aJobWithAPlainTargetComesBackEqual() {
        BasicTarget target = BasicTarget.of("cpu", "x86_64-unknown-linux-gnu", "znver3", "+avx2").withOption("k", "v");
        CompileJob job = fullJob(target);
        RuntimeValues values = RuntimeValues.empty();
        CompileJob back = decode(encode(job), new OwnBackend(false), values);
        assertEquals(job.toBuilder().runtimeValues(values).build(), back);
        assertEquals("cpu", JobCodec.backendOf(new WireReader(encode(job))));
    }

    @Test
    void whatFollowsAJobInAFrameIsLeftToTheCaller() {
        CompileJob job = fullJob(BasicTarget.of("cpu", "x86_64-unknown-linux-gnu", "znver3", ""));
        WireReader r = new WireReader(JobCodec.encode(new WireWriter(), job).bool(true).toByteArray());
        JobCodec.decode(r, new OwnBackend(false), RuntimeValues.empty());
        assertTrue(r.bool(), "the START flag after the job");
        r.end();
    }

    @Test
    void aBackendsOwnTargetIsRebuiltByTheBackend() {
        OwnTarget target = new OwnTarget("fast", new TreeMap<>(Map.of("mode", "1")));
        CompileJob back = decode(encode(fullJob(target)), new OwnBackend(false), RuntimeValues.empty());
        assertEquals(target, back.target());
    }

    @Test
    void aTargetTheBackendCannotRebuildExactlyIsRefused() {
        byte[] body = encode(fullJob(new OwnTarget("fast", new TreeMap<>())));
        UnsupportedFeature e = assertThrows(UnsupportedFeature.class,
                () -> decode(body, new OwnBackend(true), RuntimeValues.empty()));
        assertTrue(e.getMessage().contains("rebuilds it from its settings as own:x86_64-unknown-linux-gnu;arch=FAST"),
                e.getMessage());
    }

    @Test
    void anArtifactComesBackAsTheSameBytes() {
        Artifact a = new Artifact(
                List.of(new Payload("ptx", "// ptx ünïcode".getBytes(StandardCharsets.UTF_8)),
                        new Payload("cubin", new byte[] {0x7f, 'E', 'L', 'F', 0, (byte) 0xff})),
                List.of(new EntryPoint("k", "k", true), new EntryPoint("f$1", "f_24_1", false)),
                new RelocationTable(List.of(new Slot("gpuc_slot_0", "Symbol:x", 0x7f8ae79ab4cbL, 8, 1),
                        new Slot("gpuc_slot_1", "Core.nothing", -1L, 4, 0))),
                RelocationStrategy.PATCH, false, new Provenance("0.1", "20.1.7", "ptx", "3", "ptx:nvptx64;arch=sm_75"));
        WireReader r = new WireReader(ArtifactWire.encode(new WireWriter(), a).toByteArray());
        Artifact back = ArtifactWire.decode(r);
        r.end();
        assertArrayEquals(ArtifactCodec.encode(a), ArtifactCodec.encode(back));
    }

    @Test
    void theWorkersOwnTimeTravelsWithEachReply() {
        ServiceClock clock = new ServiceClock();
        clock.request();
        clock.waitedForHost(Duration.ofHours(1).toNanos());
        assertTrue(clock.serviceNanos() < 0, "time waiting for the host's answers is not the worker's own");
        clock.request();
        Artifact a = new Artifact(List.of(new Payload("object", new byte[] {1})), List.of(), RelocationTable.EMPTY,
                RelocationStrategy.IMPORT, true, new Provenance("0.1", "20.1.7", "cpu", "1", "cpu"));
        List<StageTiming> timings = List.of(new StageTiming("emit", Duration.ofNanos(5)));
        CompileResult result = new CompileResult(a, timings, Optional.empty());
        FinishReply finished = FinishReply.decode(FinishReply.encode(result, clock));
        assertArrayEquals(ArtifactCodec.encode(a), ArtifactCodec.encode(finished.result().artifact()));
        assertEquals(timings, finished.result().timings());
        assertTrue(finished.serviceNanos() >= 0);
        KeyMaterialReply key = KeyMaterialReply.decode(KeyMaterialReply.encode(new byte[] {4, 5}, clock));
        assertArrayEquals(new byte[] {4, 5}, key.keyMaterial());
        assertTrue(key.serviceNanos() >= finished.serviceNanos(), "one clock for the request");
    }

    @Test
    void anArtifactTheRecordsRefuseIsNotDecoded() {
        byte[] noPayloads = new WireWriter().i32(0).i32(0).i32(0).str("PATCH").bool(true)
                .str("g").str("l").str("b").str("v").str("t").toByteArray();
        assertThrows(IllegalArgumentException.class, () -> ArtifactWire.decode(new WireReader(noPayloads)));
        byte[] badStrategy = new WireWriter().i32(0).i32(0).i32(0).str("GUESS").toByteArray();
        assertThrows(ProtocolException.class, () -> ArtifactWire.decode(new WireReader(badStrategy)));
    }

    @Test
    void keyMaterialTravelsWithStartedOnlyWhenAskedFor() {
        ExtractionResult extraction = new ExtractionResult(
                new RelocationTable(List.of(new Slot("gpuc_slot_0", "Symbol:x", 0x1234L, 8, 0))), List.of(), true);
        List<StageTiming> timings = List.of(new StageTiming("parse", Duration.ofNanos(1234)));
        StartReply with = new StartReply("cpu", "1", RelocationStrategy.IMPORT, extraction, List.of("f"), "default<O2>",
                new byte[] {1, 2, 3}, timings, 98765L);
        StartReply back = StartReply.decode(with.encode());
        assertArrayEquals(new byte[] {1, 2, 3}, back.keyMaterial());
        assertEquals(extraction, back.extraction());
        assertEquals(timings, back.timings());
        assertEquals(98765L, back.serviceNanos());
        StartReply without = new StartReply("cpu", "1", RelocationStrategy.IMPORT, extraction, List.of("f"),
                "default<O2>", null, timings, 1L);
        assertNull(StartReply.decode(without.encode()).keyMaterial());
    }

    static Stream<GpucException> errors() {
        return Stream.of(
                new InvalidInputIr("k.ll", 3, 14, "k.ll:3:14: expected type", null),
                InvalidInputIr.missingEntryPoint("k.ll", "main"),
                new InvalidIrForTarget("ptx:nvptx64", List.of(
                        new InvalidIrForTarget.Problem("unknown-function", "k", "call void @f()", "@f is not defined"),
                        new InvalidIrForTarget.Problem("dynamic-alloca", "k", "", "no stack"))),
                new UnsupportedFeature("no such strategy"),
                new BackendUnavailable("ptx", true, "no CUDA here"),
                new BackendFailure("spirv", "llc failed"),
                new BackendCrash("signal 6 (SIGABRT)", "LLVM ERROR: x\n"),
                new UnresolvedRuntimeValue("Symbol:x", "not in this session"),
                new CacheCorruption("/tmp/a", "checksum mismatch"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void everyErrorKindComesBackAsTheSameTypeWithTheSameFields(GpucException original) {
        GpucException back = ErrorCodec.decode(ErrorCodec.encode(original));
        assertEquals(original.getClass(), back.getClass());
        assertEquals(original.getMessage(), back.getMessage());
        assertEquals(original.kind(), back.kind());
        if (original instanceof InvalidInputIr o) {
            InvalidInputIr b = (InvalidInputIr) back;
            assertEquals(List.of(o.source(), o.line(), o.column(), o.missingEntryPoint()),
                    List.of(b.source(), b.line(), b.column(), b.missingEntryPoint()));
        } else if (original instanceof InvalidIrForTarget o) {
            assertEquals(o.problems(), ((InvalidIrForTarget) back).problems());
            assertEquals(o.target(), ((InvalidIrForTarget) back).target());
        } else if (original instanceof BackendUnavailable o) {
            BackendUnavailable b = (BackendUnavailable) back;
            assertEquals(List.of(o.backend(), o.installed()), List.of(b.backend(), b.installed()));
        } else if (original instanceof BackendFailure o) {
            assertEquals(o.backend(), ((BackendFailure) back).backend());
        } else if (original instanceof BackendCrash o) {
            BackendCrash b = (BackendCrash) back;
            assertEquals(List.of(o.crashCause(), o.lastOutput()), List.of(b.crashCause(), b.lastOutput()));
        } else if (original instanceof UnresolvedRuntimeValue o) {
            assertEquals(o.key(), ((UnresolvedRuntimeValue) back).key());
        } else if (original instanceof CacheCorruption o) {
            assertEquals(o.where(), ((CacheCorruption) back).where());
        }
    }

    @Test
    void anUnknownErrorKindIsAProtocolError() {
        byte[] body = new WireWriter().str("made-up").str("msg").toByteArray();
        assertThrows(ProtocolException.class, () -> ErrorCodec.decode(body));
    }

    @Test
    void framesRoundTrip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frames.write(out, MessageType.START, new byte[] {1, 2, 3});
        Frames.write(out, MessageType.FINISH, new byte[0]);
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        Frames.Frame first = Frames.read(in).orElseThrow();
        assertEquals(MessageType.START, first.type());
        assertArrayEquals(new byte[] {1, 2, 3}, first.body());
        assertEquals(MessageType.FINISH, Frames.read(in).orElseThrow().type());
        assertTrue(Frames.read(in).isEmpty(), "a clean end between frames");
    }

    @Test
    void textWhereAFrameIsDueIsCaughtAtItsFirstByte() {
        Frames.NotAFrame e = assertThrows(Frames.NotAFrame.class,
                () -> Frames.read(new ByteArrayInputStream("#\n# A fatal error".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals('#', e.firstByte);
    }

    @Test
    void garbledFramesAreRefused() {
        byte[] hugeLength = {(byte) Frames.MAGIC, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'S'};
        assertThrows(ProtocolException.class, () -> Frames.read(new ByteArrayInputStream(hugeLength)));
        byte[] unknownType = {(byte) Frames.MAGIC, 0, 0, 0, 1, 'Z'};
        assertThrows(ProtocolException.class, () -> Frames.read(new ByteArrayInputStream(unknownType)));
        byte[] cut = {(byte) Frames.MAGIC, 0, 0, 0, 9, 'S', 1};
        assertThrows(EOFException.class, () -> Frames.read(new ByteArrayInputStream(cut)));
    }

    @Test
    void fieldsThatOverrunTheirFrameAreRefused() {
        byte[] longString = new WireWriter().i32(1000).toByteArray();
        assertThrows(ProtocolException.class, () -> new WireReader(longString).str());
        byte[] badBool = {2};
        assertThrows(ProtocolException.class, () -> new WireReader(badBool).bool());
        WireReader extra = new WireReader(new WireWriter().i32(1).i32(2).toByteArray());
        extra.i32();
        assertThrows(ProtocolException.class, extra::end);
    }

    @Test
    void aRuntimeValuesQuestionIsAnsweredFromTheHostsValues() {
        RuntimeValues values = RuntimeValues.of(Map.of("Symbol:x", 0x1234L));
        RemoteRuntimeValues remote = new RemoteRuntimeValues((question, body, answer) -> {
            assertEquals(RemoteRuntimeValues.answerType(question), answer);
            return new WireReader(RemoteRuntimeValues.answer(question, new WireReader(body), values));
        });
        assertEquals("Symbol:x", remote.keyOf(0x1234L).orElseThrow());
        assertTrue(remote.keyOf(0x99L).isEmpty());
        assertEquals(0x1234L, remote.addressOf("Symbol:x").orElseThrow());
        assertTrue(remote.addressOf("Symbol:y").isEmpty());
    }
}
