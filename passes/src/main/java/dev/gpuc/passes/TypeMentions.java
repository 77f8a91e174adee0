package dev.gpuc.passes;

import dev.gpuc.api.ModuleSource;
import dev.gpuc.ir.Context;
import java.util.Collection;

/**
 * Which of the types a target may refuse a module can use at all, read off its sources: IR text
 * spells out every type it uses ({@code i128}, {@code double}, {@code half}, inside structs and
 * vectors too), so text that never names one cannot produce a value of it. Bitcode is not read:
 * it may use anything. Lets {@link Validator} skip type checks that cannot find a problem.
 */
public record TypeMentions(boolean wideIntegers, boolean doubles, boolean halves) {
    /** What is assumed without sources: anything. */
    public static final TypeMentions ANY = new TypeMentions(true, true, true);

    public static TypeMentions of(Collection<ModuleSource> sources) {
        boolean wide = false;
        boolean doubles = false;
        boolean halves = false;
        for (ModuleSource s : sources) {
            byte[] b = s.bytesUnsafe();
            if (Context.isBitcode(b)) {
                return ANY;
            }
            TypeMentions t = scan(b);
            wide |= t.wideIntegers;
            doubles |= t.doubles;
            halves |= t.halves;
        }
        return new TypeMentions(wide, doubles, halves);
    }

    /** Looks at every token that starts where a type can: not inside a name, number or string. */
    static TypeMentions scan(byte[] text) {
        boolean wide = false;
        boolean doubles = false;
        boolean halves = false;
        for (int i = 0; i < text.length; i++) {
            int c = text[i];
            if (i > 0 && continuesToken(text[i - 1])) {
                continue;
            }
            if (c == 'i' && i + 1 < text.length && isDigit(text[i + 1])) {
                int end = i + 1;
                long width = 0;
                while (end < text.length && isDigit(text[end]) && width <= 64) {
                    width = width * 10 + (text[end++] - '0');
                }
                wide |= width > 64;
            } else if (c == 'd') {
                doubles |= word(text, i, "double");
            } else if (c == 'h') {
                halves |= word(text, i, "half");
            } else if (c == 'b') {
                halves |= word(text, i, "bfloat");
            }
        }
        return new TypeMentions(wide, doubles, halves);
    }

    private static boolean word(byte[] text, int at, String word) {
        if (at + word.length() > text.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (text[at + k] != word.charAt(k)) {
                return false;
            }
        }
        return at + word.length() == text.length || !continuesToken(text[at + word.length()]);
    }

    /** Characters that may be part of a name or number: a type keyword never follows or precedes one. */
    private static boolean continuesToken(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '_' || c == '.' || c == '$'
                || c == '%' || c == '@' || c == '-' || c == '"' || c == '\\' || (c & 0x80) != 0;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
