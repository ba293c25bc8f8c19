package dev.lumen.adapter.cbor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import dev.lumen.domain.error.UnprocessableContentException;
import dev.lumen.domain.snapshot.SnapshotCodec;
import dev.lumen.domain.snapshot.SnapshotKind;
import dev.lumen.domain.snapshot.SnapshotState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Snapshot states as CBOR (binary JSON: the state records' shape, half the size of JSON and no
 * schema to keep in step) compressed with raw DEFLATE, behind a three-byte header:
 * {@code 'L' 'S' format}. Format {@code 1} is CBOR + DEFLATE; a future encoding takes the next
 * number and old snapshots keep decoding by theirs.
 *
 * <p>The same state always encodes to the same bytes (record components in declaration order,
 * lists in order, DEFLATE deterministic at a fixed level), which is what lets the schedule skip an
 * unchanged state by comparing checksums. Unknown fields are ignored when decoding, so a state
 * record may gain a field without breaking older snapshots' reads.
 */
public final class CborSnapshotCodec implements SnapshotCodec {
    static final byte MAGIC_0 = 'L';
    static final byte MAGIC_1 = 'S';
    static final byte FORMAT_CBOR_DEFLATE = 1;
    static final int HEADER = 3;
    /** Decoded states are a few KiB; anything that inflates beyond this is not one of ours (or a zip bomb). */
    static final int MAX_DECODED_BYTES = 8 * 1024 * 1024;

    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Override
    public byte[] encode(SnapshotState state) {
        byte[] raw;
        try {
            raw = cbor.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException("a snapshot state could not be encoded", e);
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER + raw.length / 2 + 16);
            out.write(MAGIC_0);
            out.write(MAGIC_1);
            out.write(FORMAT_CBOR_DEFLATE);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    @Override
    public SnapshotState decode(SnapshotKind kind, byte[] bytes) {
        if (bytes.length < HEADER || bytes[0] != MAGIC_0 || bytes[1] != MAGIC_1) {
            throw undecodable("it has no snapshot header");
        }
        if (bytes[2] != FORMAT_CBOR_DEFLATE) {
            throw undecodable("its format " + bytes[2] + " is unknown");
        }
        byte[] raw = inflate(bytes);
        try {
            return cbor.readValue(raw, SnapshotState.typeOf(kind));
        } catch (IOException | RuntimeException e) {
            throw new UnprocessableContentException("snapshot_undecodable", "the snapshot is not a " + kind.slug()
                    + " state", e);
        }
    }

    private static byte[] inflate(byte[] bytes) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(bytes, HEADER, bytes.length - HEADER);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 3);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw undecodable("its compressed data ends early");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_DECODED_BYTES) {
                    throw undecodable("it inflates beyond " + MAX_DECODED_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new UnprocessableContentException("snapshot_undecodable", "the snapshot's compressed data is damaged", e);
        } finally {
            inflater.end();
        }
    }

    private static UnprocessableContentException undecodable(String why) {
        return new UnprocessableContentException("snapshot_undecodable", "the snapshot cannot be decoded: " + why);
    }
}
