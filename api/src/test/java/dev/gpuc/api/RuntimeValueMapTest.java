package dev.gpuc.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuntimeValueMapTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheCorpusFile() throws IOException {
        Path file = Path.of(System.getProperty("gpuc.corpus"), "runtime-globals", "runtime-values.json");
        RuntimeValueMap values = RuntimeValueMap.read(file);
        assertEquals(Map.of("Symbol:x", 0x7f8ae79ab4cbL, "Core.nothing", 0x7f8ae7225010L), values.asMap());
        assertEquals("Symbol:x", values.keyOf(0x7f8ae79ab4cbL).orElseThrow());
        assertEquals(0x7f8ae7225010L, values.addressOf("Core.nothing").orElseThrow());
        assertTrue(values.keyOf(1).isEmpty());
        assertTrue(values.addressOf("Symbol:y").isEmpty());
    }

    @Test
    void writtenFilesReadBack() throws IOException {
        RuntimeValueMap values = new RuntimeValueMap(Map.of("Symbol:x", 0xffff_ffff_ffff_fff0L, "null", 0L,
                "quote\"d \u00e9", 42L));
        Path file = Files.writeString(tmp.resolve("rv.json"), values.toJson());
        assertEquals(values.asMap(), RuntimeValueMap.read(file).asMap());
    }

    @Test
    void decimalAddressesAreAccepted() throws IOException {
        Path file = Files.writeString(tmp.resolve("rv.json"),
                "{\"values\": [{\"key\": \"a\", \"address\": 4096}, {\"key\": \"b\", \"address\": \"18446744073709551615\"}]}");
        assertEquals(Map.of("a", 4096L, "b", -1L), RuntimeValueMap.read(file).asMap());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all | not valid JSON",
        "{\"values\": 1} | expected an object with a \"values\" array",
        "[] | expected an object with a \"values\" array",
        "{\"values\": [{\"address\": \"0x1\"}]} | each value needs a \"key\" string",
        "{\"values\": [7]} | each value needs a \"key\" string",
        "{\"values\": [{\"key\": \"a\"}]} | a: address must be 0x-hex or decimal, got null",
        "{\"values\": [{\"key\": \"a\", \"address\": \"0xzz\"}]} | address must be 0x-hex or decimal",
        "{\"values\": [{\"key\": \"a\", \"address\": \"0x\"}]} | address must be 0x-hex or decimal",
        "{\"values\": [{\"key\": \"a\", \"address\": 1.5}]} | address must be 0x-hex or decimal, got 1.5",
        "{\"values\": [{\"key\": \"a\", \"address\": -1}]} | address must be 0x-hex or decimal, got -1",
        "{\"values\": [{\"key\": \"a\", \"address\": \"-1\"}]} | address must be 0x-hex or decimal",
        "{\"values\": [{\"key\": \"a\", \"address\": \"0x10000000000000000\"}]} | address must be 0x-hex or decimal",
        "{\"values\": [{\"key\": \"a\", \"address\": 1}, {\"key\": \"a\", \"address\": 2}]} | key a is listed twice",
        "{\"values\": [{\"key\": \"a\", \"address\": 1}, {\"key\": \"b\", \"address\": \"0x1\"}]} | address 0x1 is claimed by both a and b",
    })
    void badFilesAreIoErrorsNamingTheFile(String content, String expected) throws IOException {
        Path file = Files.writeString(tmp.resolve("bad.json"), content);
        IOException e = assertThrows(IOException.class, () -> RuntimeValueMap.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void filesThatAreNotUtf8OrMissingAreIoErrors() throws IOException {
        Path binary = Files.write(tmp.resolve("bin.json"), new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        assertThrows(IOException.class, () -> RuntimeValueMap.read(binary));
        assertThrows(IOException.class, () -> RuntimeValueMap.read(tmp.resolve("missing.json")));
    }
}
