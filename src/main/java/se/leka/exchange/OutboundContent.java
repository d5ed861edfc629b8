package se.leka.exchange;

import java.io.IOException;
import java.io.OutputStream;

import se.leka.format.FileName;

/** Writes an output file's bytes; gets the file's final name (its sequence number goes into the start record). */
@FunctionalInterface
public interface OutboundContent {

    void writeTo(FileName fileName, OutputStream out) throws IOException;
}
