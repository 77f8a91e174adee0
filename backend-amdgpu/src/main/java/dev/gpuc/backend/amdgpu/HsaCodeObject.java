package dev.gpuc.backend.amdgpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an HSA code object (an ELF64 little-endian shared object for {@code EM_AMDGPU})
 * that say whether a loader can use it: the header and the dynamic symbol table, which is what
 * the HSA loader resolves symbols against. The backend checks its own output with it, so a
 * mis-shaped code object is a compile-time error rather than a load-time surprise.
 *
 * @param type           {@code e_type}; {@link #ET_DYN} for a code object
 * @param machine        {@code e_machine}; {@link #EM_AMDGPU}
 * @param osAbi          {@code e_ident[EI_OSABI]}; {@link #ELFOSABI_AMDGPU_HSA}
 * @param abiVersion     {@code e_ident[EI_ABIVERSION]}: code object version minus 2 (V5 is 3)
 * @param flags          {@code e_flags}: the processor in the low byte, xnack/sramecc above it
 * @param dynamicSymbols {@code .dynsym}, without the null symbol at index 0
 */
public record HsaCodeObject(int type, int machine, int osAbi, int abiVersion, int flags, List<Symbol> dynamicSymbols) {
    public static final int ET_DYN = 3;
    public static final int EM_AMDGPU = 224;
    public static final int ELFOSABI_AMDGPU_HSA = 64;
    public static final int EF_AMDGPU_MACH = 0xff;
    private static final int SHT_DYNSYM = 11;
    private static final int SYMBOL_SIZE = 24;

    public HsaCodeObject {
        dynamicSymbols = List.copyOf(dynamicSymbols);
    }

    /**
     * One ELF symbol.
     *
     * @param binding    {@code STB_*}: 0 local, 1 global, 2 weak
     * @param symbolType {@code STT_*}: 0 none, 1 object, 2 function
     * @param visibility {@code STV_*}: 0 default, 2 hidden, 3 protected
     * @param section    section index; 0 means undefined
     */
    public record Symbol(String name, int binding, int symbolType, int visibility, int section, long value, long size) {
        public static final int STB_GLOBAL = 1;
        public static final int STB_WEAK = 2;
        public static final int STT_OBJECT = 1;
        public static final int STV_HIDDEN = 2;

        public boolean isDefined() {
            return section != 0;
        }

        /** Whether a loader can see it: global or weak, and not hidden. */
        public boolean isExported() {
            return (binding == STB_GLOBAL || binding == STB_WEAK) && visibility != STV_HIDDEN;
        }
    }

    public Optional<Symbol> dynamicSymbol(String name) {
        return dynamicSymbols.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The code object version the header declares (V5 has ABI version 3). */
    public int codeObjectVersion() {
        return abiVersion + 2;
    }

    /**
     * Reads an ELF64 little-endian shared object.
     *
     * @throws IllegalArgumentException when the bytes are not one, naming what is wrong
     */
    public static HsaCodeObject parse(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        require(elf.length >= 6 && b.getInt(0) == 0x464c457f, "not an ELF file");
        require(elf[4] == 2 && elf[5] == 1, "not a 64-bit little-endian ELF file");
        require(elf.length >= 64, "truncated to " + elf.length + " bytes, shorter than its header");
        int type = Short.toUnsignedInt(b.getShort(16));
        int machine = Short.toUnsignedInt(b.getShort(18));
        int flags = b.getInt(48);
        long sectionsAt = b.getLong(40);
        int sectionSize = Short.toUnsignedInt(b.getShort(58));
        int sectionCount = Short.toUnsignedInt(b.getShort(60));
        require(sectionSize == 64 && inside(elf, sectionsAt, (long) sectionSize * sectionCount), "section headers out of bounds");
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < sectionCount; i++) {
            int header = Math.toIntExact(sectionsAt + (long) i * sectionSize);
            if (b.getInt(header + 4) == SHT_DYNSYM) {
                int stringsHeader = Math.toIntExact(sectionsAt + (long) b.getInt(header + 40) * sectionSize);
                require(inside(elf, stringsHeader, sectionSize), ".dynsym links to a missing string table");
                symbols.addAll(symbols(b, elf, b.getLong(header + 24), b.getLong(header + 32),
                        b.getLong(stringsHeader + 24), b.getLong(stringsHeader + 32)));
            }
        }
        return new HsaCodeObject(type, machine, Byte.toUnsignedInt(elf[7]), Byte.toUnsignedInt(elf[8]), flags, symbols);
    }

    private static List<Symbol> symbols(ByteBuffer b, byte[] elf, long at, long size, long stringsAt, long stringsSize) {
        require(inside(elf, at, size) && inside(elf, stringsAt, stringsSize), ".dynsym out of bounds");
        List<Symbol> out = new ArrayList<>();
        for (long s = at + SYMBOL_SIZE; s + SYMBOL_SIZE <= at + size; s += SYMBOL_SIZE) { // index 0 is the null symbol
            int p = Math.toIntExact(s);
            int info = Byte.toUnsignedInt(b.get(p + 4));
            out.add(new Symbol(string(elf, stringsAt, stringsSize, Integer.toUnsignedLong(b.getInt(p))),
                    info >> 4, info & 0xf, b.get(p + 5) & 0x3, Short.toUnsignedInt(b.getShort(p + 6)),
                    b.getLong(p + 8), b.getLong(p + 16)));
        }
        return out;
    }

    private static String string(byte[] elf, long tableAt, long tableSize, long offset) {
        require(offset < tableSize, "symbol name outside the string table");
        int start = Math.toIntExact(tableAt + offset);
        int end = start;
        while (end < tableAt + tableSize && elf[end] != 0) {
            end++;
        }
        return new String(elf, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean inside(byte[] elf, long offset, long length) {
        return offset >= 0 && length >= 0 && offset + length <= elf.length;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException("not an HSA code object: " + problem);
        }
    }
}
