package se.leka.format;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one character encoding of LEKA's partner files, ISO-8859-1, used so that bytes or characters
 * that do not belong to it are an error — never silently replaced with {@code ?} or U+FFFD, which
 * is what Java's readers and writers do by default.
 */
public final class StrictCharset {

    public static final Charset FILES = StandardCharsets.ISO_8859_1;

    private StrictCharset() {
    }

    public static Reader reader(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }

    /**
     * Encodes {@code text}, refusing any character the charset cannot hold. The characters are
     * copied into an array first: the encoders' fast loops need an array-backed buffer, and a delivery
     * page is a megabyte of text.
     */
    public static byte[] encode(CharSequence text, Charset charset) throws CharacterCodingException {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        char[] chars = new char[text.length()];
        if (text instanceof String string) {
            string.getChars(0, chars.length, chars, 0);
        } else if (text instanceof StringBuilder builder) {
            builder.getChars(0, chars.length, chars, 0);
        } else {
            for (int i = 0; i < chars.length; i++) {
                chars[i] = text.charAt(i);
            }
        }
        ByteBuffer buffer = encoder.encode(CharBuffer.wrap(chars));
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.limit() == buffer.capacity()) {
            return buffer.array();
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
