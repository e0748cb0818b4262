// JNI layer of dev.juxta.llama.engine.LlamaNative over llama.cpp's C API (and the Jinja chat
// templates of libllama-common). Thin by design: handles are jlongs, every decision is the Java
// side's, and no C++ exception crosses into the JVM: each entry point catches them and throws
// dev.juxta.llama.LlamaException instead. Text crosses as UTF-8 byte arrays, never as JNI strings,
// whose modified UTF-8 breaks 4-byte characters.
//
// Thread contract: one Java thread drives a context (decode, sample, memory); setAbort() may come
// from any thread. Loading, tokenizing and templates touch only read-only model state.

#include <jni.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "chat.h"
#include "ggml-backend.h"
#include "llama.h"

namespace {

struct Context {
    llama_context * ctx = nullptr;
    llama_batch batch{};
    int32_t batch_capacity = 0;
    std::atomic<bool> abort{false};

    ~Context() {
        if (batch_capacity > 0) {
            llama_batch_free(batch);
        }
        if (ctx != nullptr) {
            llama_free(ctx);
        }
    }
};

struct SavedSequence {
    std::vector<uint8_t> bytes;
};

struct Templates {
    common_chat_templates_ptr templates;
};

struct JavaError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A Java exception is already pending; unwind to the entry point without throwing another.
struct JavaPending {};

void throw_llama(JNIEnv * env, const char * message) {
    jclass type = env->FindClass("dev/juxta/llama/LlamaException");
    if (type != nullptr) {
        env->ThrowNew(type, message);
    }
}

template <typename T, typename F>
T guarded(JNIEnv * env, T fallback, F && body) {
    try {
        return body();
    } catch (const JavaPending &) {
    } catch (const std::exception & e) {
        throw_llama(env, e.what());
    } catch (...) {
        throw_llama(env, "llama.cpp failed with an unknown error");
    }
    return fallback;
}

template <typename T>
T * handle(jlong h, const char * what) {
    if (h == 0) {
        throw JavaError(std::string("no ") + what + " (it was freed or never made)");
    }
    return reinterpret_cast<T *>(h);
}

std::string bytes_to_string(JNIEnv * env, jbyteArray bytes) {
    if (bytes == nullptr) {
        throw JavaError("null text");
    }
    jsize length = env->GetArrayLength(bytes);
    std::string out(static_cast<size_t>(length), '\0');
    env->GetByteArrayRegion(bytes, 0, length, reinterpret_cast<jbyte *>(out.data()));
    return out;
}

jbyteArray string_to_bytes(JNIEnv * env, const std::string & text) {
    jbyteArray out = env->NewByteArray(static_cast<jsize>(text.size()));
    if (out == nullptr) {
        throw JavaPending{};
    }
    env->SetByteArrayRegion(out, 0, static_cast<jsize>(text.size()), reinterpret_cast<const jbyte *>(text.data()));
    return out;
}

std::string element_string(JNIEnv * env, jobjectArray array, jsize index) {
    auto bytes = static_cast<jbyteArray>(env->GetObjectArrayElement(array, index));
    std::string out = bytes_to_string(env, bytes);
    env->DeleteLocalRef(bytes);
    return out;
}

std::string java_string(JNIEnv * env, jstring text) {
    if (text == nullptr) {
        throw JavaError("null string");
    }
    const char * chars = env->GetStringUTFChars(text, nullptr);
    if (chars == nullptr) {
        throw JavaPending{};
    }
    std::string out(chars);
    env->ReleaseStringUTFChars(text, chars);
    return out;
}

// What a decode logs waits here until it returns: an aborted decode's complaints are expected
// (a cancel), and in the bridge's log tail they would read as the reason of a later crash.
thread_local bool decoding = false;
thread_local std::string decode_log;
// The last error llama.cpp logged on this thread: a failed load says why only in its log.
thread_local std::string last_error;

// Only warnings and errors reach stderr: the engine's stdout carries frames, and llama.cpp's
// info lines would bury what matters in the bridge's log tail.
void log_to_stderr(ggml_log_level level, const char * text, void *) {
    if (level != GGML_LOG_LEVEL_WARN && level != GGML_LOG_LEVEL_ERROR) {
        return;
    }
    if (level == GGML_LOG_LEVEL_ERROR) {
        last_error = text;
        while (!last_error.empty() && (last_error.back() == '\n' || last_error.back() == ' ')) {
            last_error.pop_back();
        }
    }
    if (decoding) {
        decode_log += text;
    } else {
        std::fputs(text, stderr);
    }
}

struct Progress {
    JNIEnv * env;
    jobject listener;
    jmethodID method;
};

bool report_progress(float fraction, void * data) {
    auto * progress = static_cast<Progress *>(data);
    if (progress->listener == nullptr) {
        return true;
    }
    jboolean go_on = progress->env->CallBooleanMethod(progress->listener, progress->method, fraction);
    return !progress->env->ExceptionCheck() && go_on == JNI_TRUE;
}

bool abort_requested(void * data) {
    return static_cast<Context *>(data)->abort.load(std::memory_order_relaxed);
}

}  // namespace

#define JNI_METHOD(type, name) extern "C" JNIEXPORT type JNICALL Java_dev_juxta_llama_engine_LlamaNative_##name

JNI_METHOD(void, init)(JNIEnv * env, jclass, jstring library_dir) {
    guarded(env, 0, [&] {
        llama_log_set(log_to_stderr, nullptr);
        ggml_backend_load_all_from_path(java_string(env, library_dir).c_str());
        llama_backend_init();
        if (ggml_backend_dev_count() == 0) {
            throw JavaError("llama.cpp found no compute backend in " + java_string(env, library_dir));
        }
        return 0;
    });
}

JNI_METHOD(jlong, loadModel)(JNIEnv * env, jclass, jstring path, jobject listener) {
    return guarded<jlong>(env, 0, [&] {
        Progress progress{env, listener, nullptr};
        if (listener != nullptr) {
            jclass type = env->GetObjectClass(listener);
            progress.method = env->GetMethodID(type, "loaded", "(F)Z");
            if (progress.method == nullptr) {
                throw JavaPending{};
            }
        }
        last_error.clear();
        llama_model_params params = llama_model_default_params();
        params.progress_callback = report_progress;
        params.progress_callback_user_data = &progress;
        llama_model * model = llama_model_load_from_file(java_string(env, path).c_str(), params);
        if (env->ExceptionCheck()) {
            if (model != nullptr) {
                llama_model_free(model);
            }
            throw JavaPending{};
        }
        if (model == nullptr) {
            throw JavaError(last_error.empty() ? "llama.cpp could not load the model"
                                               : "llama.cpp could not load the model: " + last_error);
        }
        return reinterpret_cast<jlong>(model);
    });
}

JNI_METHOD(void, freeModel)(JNIEnv *, jclass, jlong model) {
    if (model != 0) {
        llama_model_free(reinterpret_cast<llama_model *>(model));
    }
}

JNI_METHOD(jlong, newContext)(JNIEnv * env, jclass, jlong model, jint n_ctx, jint n_seq, jint n_batch, jint threads) {
    return guarded<jlong>(env, 0, [&] {
        auto * m = handle<llama_model>(model, "model");
        auto context = std::make_unique<Context>();
        llama_context_params params = llama_context_default_params();
        params.n_ctx = static_cast<uint32_t>(n_ctx);
        params.n_batch = static_cast<uint32_t>(n_batch);
        params.n_ubatch = static_cast<uint32_t>(n_batch);
        params.n_seq_max = static_cast<uint32_t>(n_seq);
        params.n_threads = threads;
        params.n_threads_batch = threads;
        // A buffer per sequence: attention reads only its own cells, and position p stays in cell p,
        // so a sequence's arithmetic does not depend on what the other sequences hold.
        params.kv_unified = false;
        params.no_perf = false;
        params.abort_callback = abort_requested;
        params.abort_callback_data = context.get();
        context->ctx = llama_init_from_model(m, params);
        if (context->ctx == nullptr) {
            throw JavaError("llama.cpp could not create a context of " + std::to_string(n_ctx) + " tokens");
        }
        context->batch = llama_batch_init(n_batch, 0, 1);
        context->batch_capacity = n_batch;
        return reinterpret_cast<jlong>(context.release());
    });
}

JNI_METHOD(void, freeContext)(JNIEnv *, jclass, jlong context) {
    delete reinterpret_cast<Context *>(context);
}

JNI_METHOD(jintArray, tokenize)(JNIEnv * env, jclass, jlong model, jbyteArray text, jboolean add_special) {
    return guarded<jintArray>(env, nullptr, [&] {
        const llama_vocab * vocab = llama_model_get_vocab(handle<llama_model>(model, "model"));
        std::string utf8 = bytes_to_string(env, text);
        std::vector<llama_token> tokens(utf8.size() + 2);
        int32_t n = llama_tokenize(vocab, utf8.data(), static_cast<int32_t>(utf8.size()), tokens.data(),
                                   static_cast<int32_t>(tokens.size()), add_special, true);
        if (n < 0) {
            tokens.resize(static_cast<size_t>(-n));
            n = llama_tokenize(vocab, utf8.data(), static_cast<int32_t>(utf8.size()), tokens.data(),
                               static_cast<int32_t>(tokens.size()), add_special, true);
        }
        if (n < 0) {
            throw JavaError("llama.cpp could not tokenize the text");
        }
        jintArray out = env->NewIntArray(n);
        if (out == nullptr) {
            throw JavaPending{};
        }
        env->SetIntArrayRegion(out, 0, n, tokens.data());
        return out;
    });
}

JNI_METHOD(jbyteArray, piece)(JNIEnv * env, jclass, jlong model, jint token) {
    return guarded<jbyteArray>(env, nullptr, [&] {
        const llama_vocab * vocab = llama_model_get_vocab(handle<llama_model>(model, "model"));
        char buffer[256];
        int32_t n = llama_token_to_piece(vocab, token, buffer, sizeof(buffer), 0, false);
        if (n < 0) {
            std::string longer(static_cast<size_t>(-n), '\0');
            n = llama_token_to_piece(vocab, token, longer.data(), static_cast<int32_t>(longer.size()), 0, false);
            longer.resize(static_cast<size_t>(std::max(n, 0)));
            return string_to_bytes(env, longer);
        }
        return string_to_bytes(env, std::string(buffer, static_cast<size_t>(n)));
    });
}

JNI_METHOD(jboolean, isEndOfGeneration)(JNIEnv * env, jclass, jlong model, jint token) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        const llama_vocab * vocab = llama_model_get_vocab(handle<llama_model>(model, "model"));
        return llama_vocab_is_eog(vocab, token) ? JNI_TRUE : JNI_FALSE;
    });
}

JNI_METHOD(jint, decode)(JNIEnv * env, jclass, jlong context, jintArray tokens, jintArray positions,
                         jintArray sequences, jbooleanArray logits, jint count) {
    return guarded<jint>(env, -1, [&] {
        auto * c = handle<Context>(context, "context");
        if (count < 1 || count > c->batch_capacity) {
            throw JavaError("a batch of " + std::to_string(count) + " tokens does not fit the context's " +
                            std::to_string(c->batch_capacity));
        }
        std::vector<jint> t(count), p(count), s(count);
        std::vector<jboolean> l(count);
        env->GetIntArrayRegion(tokens, 0, count, t.data());
        env->GetIntArrayRegion(positions, 0, count, p.data());
        env->GetIntArrayRegion(sequences, 0, count, s.data());
        env->GetBooleanArrayRegion(logits, 0, count, l.data());
        if (env->ExceptionCheck()) {
            throw JavaPending{};
        }
        llama_batch & batch = c->batch;
        batch.n_tokens = count;
        for (jint i = 0; i < count; i++) {
            batch.token[i] = t[i];
            batch.pos[i] = p[i];
            batch.n_seq_id[i] = 1;
            batch.seq_id[i][0] = s[i];
            batch.logits[i] = l[i] ? 1 : 0;
        }
        decoding = true;
        int32_t result = llama_decode(c->ctx, batch);
        decoding = false;
        if (result != 2) {
            std::fputs(decode_log.c_str(), stderr);
        }
        decode_log.clear();
        return result;
    });
}

JNI_METHOD(void, setAbort)(JNIEnv *, jclass, jlong context, jboolean abort) {
    if (context != 0) {
        reinterpret_cast<Context *>(context)->abort.store(abort == JNI_TRUE, std::memory_order_relaxed);
    }
}

JNI_METHOD(jboolean, removeTokens)(JNIEnv * env, jclass, jlong context, jint seq, jint from, jint to) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        llama_memory_t memory = llama_get_memory(handle<Context>(context, "context")->ctx);
        return llama_memory_seq_rm(memory, seq, from, to) ? JNI_TRUE : JNI_FALSE;
    });
}

JNI_METHOD(void, copyTokens)(JNIEnv * env, jclass, jlong context, jint source, jint target, jint from, jint to) {
    guarded(env, 0, [&] {
        llama_memory_t memory = llama_get_memory(handle<Context>(context, "context")->ctx);
        llama_memory_seq_cp(memory, source, target, from, to);
        return 0;
    });
}

// A sequence's KV cells, kept in native memory: tens of MB on a real model, too much for the
// engine's small Java heap.
JNI_METHOD(jlong, saveSequence)(JNIEnv * env, jclass, jlong context, jint seq) {
    return guarded<jlong>(env, 0, [&] {
        llama_context * ctx = handle<Context>(context, "context")->ctx;
        auto saved = std::make_unique<SavedSequence>();
        saved->bytes.resize(llama_state_seq_get_size(ctx, seq));
        if (llama_state_seq_get_data(ctx, saved->bytes.data(), saved->bytes.size(), seq) != saved->bytes.size()) {
            throw JavaError("llama.cpp could not save sequence " + std::to_string(seq));
        }
        return reinterpret_cast<jlong>(saved.release());
    });
}

JNI_METHOD(jboolean, restoreSequence)(JNIEnv * env, jclass, jlong context, jint seq, jlong saved) {
    return guarded<jboolean>(env, JNI_FALSE, [&] {
        llama_context * ctx = handle<Context>(context, "context")->ctx;
        const auto & bytes = handle<SavedSequence>(saved, "saved sequence")->bytes;
        return llama_state_seq_set_data(ctx, bytes.data(), bytes.size(), seq) > 0 ? JNI_TRUE : JNI_FALSE;
    });
}

JNI_METHOD(void, freeSaved)(JNIEnv *, jclass, jlong saved) {
    delete reinterpret_cast<SavedSequence *>(saved);
}

JNI_METHOD(jlongArray, decodedTokens)(JNIEnv * env, jclass, jlong context) {
    return guarded<jlongArray>(env, nullptr, [&] {
        llama_perf_context_data perf = llama_perf_context(handle<Context>(context, "context")->ctx);
        jlong figures[] = {perf.n_p_eval, perf.n_eval};
        jlongArray out = env->NewLongArray(2);
        if (out == nullptr) {
            throw JavaPending{};
        }
        env->SetLongArrayRegion(out, 0, 2, figures);
        return out;
    });
}

JNI_METHOD(jlong, newSampler)(JNIEnv * env, jclass, jlong model, jfloat temperature, jfloat top_p, jint top_k,
                              jfloat min_p, jfloat repeat_penalty, jint penalty_last_n, jlong seed) {
    return guarded<jlong>(env, 0, [&] {
        const llama_vocab * vocab = llama_model_get_vocab(handle<llama_model>(model, "model"));
        llama_sampler_chain_params params = llama_sampler_chain_default_params();
        params.no_perf = true;
        llama_sampler * chain = llama_sampler_chain_init(params);
        llama_sampler_chain_add(chain, llama_sampler_init_penalties(llama_vocab_n_tokens(vocab), penalty_last_n, repeat_penalty, 0.0f, 0.0f));
        if (temperature <= 0.0f) {
            llama_sampler_chain_add(chain, llama_sampler_init_greedy());
        } else {
            if (top_k > 0) {
                llama_sampler_chain_add(chain, llama_sampler_init_top_k(top_k));
            }
            llama_sampler_chain_add(chain, llama_sampler_init_top_p(top_p, 1));
            llama_sampler_chain_add(chain, llama_sampler_init_min_p(min_p, 1));
            llama_sampler_chain_add(chain, llama_sampler_init_temp(temperature));
            llama_sampler_chain_add(chain, llama_sampler_init_dist(static_cast<uint32_t>(seed)));
        }
        return reinterpret_cast<jlong>(chain);
    });
}

JNI_METHOD(void, acceptTokens)(JNIEnv * env, jclass, jlong sampler, jintArray tokens) {
    guarded(env, 0, [&] {
        auto * chain = handle<llama_sampler>(sampler, "sampler");
        jsize n = env->GetArrayLength(tokens);
        std::vector<jint> t(n);
        env->GetIntArrayRegion(tokens, 0, n, t.data());
        for (jint token : t) {
            llama_sampler_accept(chain, token);
        }
        return 0;
    });
}

JNI_METHOD(jint, sample)(JNIEnv * env, jclass, jlong sampler, jlong context, jint index) {
    return guarded<jint>(env, -1, [&] {
        return llama_sampler_sample(handle<llama_sampler>(sampler, "sampler"), handle<Context>(context, "context")->ctx, index);
    });
}

JNI_METHOD(void, freeSampler)(JNIEnv *, jclass, jlong sampler) {
    if (sampler != 0) {
        llama_sampler_free(reinterpret_cast<llama_sampler *>(sampler));
    }
}

// The model's own distribution at batch position `index` (softmax of the raw logits): the chosen
// token's probability, then the `n` likeliest tokens as (token, probability) pairs.
JNI_METHOD(jfloatArray, candidates)(JNIEnv * env, jclass, jlong context, jlong model, jint index, jint chosen, jint n) {
    return guarded<jfloatArray>(env, nullptr, [&] {
        auto * c = handle<Context>(context, "context");
        int32_t vocab_size = llama_vocab_n_tokens(llama_model_get_vocab(handle<llama_model>(model, "model")));
        const float * logits = llama_get_logits_ith(c->ctx, index);
        if (logits == nullptr) {
            throw JavaError("no logits at batch position " + std::to_string(index));
        }
        float max_logit = *std::max_element(logits, logits + vocab_size);
        double sum = 0;
        for (int32_t i = 0; i < vocab_size; i++) {
            sum += std::exp(static_cast<double>(logits[i] - max_logit));
        }
        auto probability = [&](int32_t token) {
            return static_cast<float>(std::exp(static_cast<double>(logits[token] - max_logit)) / sum);
        };
        int32_t top = std::clamp<int32_t>(n, 0, vocab_size);
        std::vector<int32_t> order(vocab_size);
        for (int32_t i = 0; i < vocab_size; i++) {
            order[i] = i;
        }
        std::partial_sort(order.begin(), order.begin() + top, order.end(),
                          [&](int32_t a, int32_t b) { return logits[a] > logits[b]; });
        std::vector<float> out;
        out.reserve(1 + 2 * static_cast<size_t>(top));
        out.push_back(chosen >= 0 && chosen < vocab_size ? probability(chosen) : 0.0f);
        for (int32_t i = 0; i < top; i++) {
            out.push_back(static_cast<float>(order[i]));
            out.push_back(probability(order[i]));
        }
        jfloatArray array = env->NewFloatArray(static_cast<jsize>(out.size()));
        if (array == nullptr) {
            throw JavaPending{};
        }
        env->SetFloatArrayRegion(array, 0, static_cast<jsize>(out.size()), out.data());
        return array;
    });
}

JNI_METHOD(jlong, newTemplates)(JNIEnv * env, jclass, jlong model) {
    return guarded<jlong>(env, 0, [&] {
        auto * m = handle<llama_model>(model, "model");
        const char * source = llama_model_chat_template(m, nullptr);
        if (source != nullptr) {
            // Parsed here first for the parser's own message: common_chat_templates_init rethrows
            // its error sliced to a bare std::exception.
            try {
                common_chat_template parsed(source, "", "");
            } catch (const std::exception & e) {
                throw JavaError(std::string("its chat template does not parse: ") + e.what());
            }
        }
        auto templates = std::make_unique<Templates>();
        templates->templates = common_chat_templates_init(m, "");
        if (!templates->templates) {
            throw JavaError("llama.cpp could not read the model's chat template");
        }
        return reinterpret_cast<jlong>(templates.release());
    });
}

JNI_METHOD(jbyteArray, applyTemplate)(JNIEnv * env, jclass, jlong templates, jobjectArray roles, jobjectArray contents) {
    return guarded<jbyteArray>(env, nullptr, [&] {
        auto * t = handle<Templates>(templates, "chat template");
        common_chat_templates_inputs inputs;
        inputs.use_jinja = true;
        inputs.add_generation_prompt = true;
        jsize n = env->GetArrayLength(roles);
        for (jsize i = 0; i < n; i++) {
            common_chat_msg message;
            message.role = element_string(env, roles, i);
            message.content = element_string(env, contents, i);
            inputs.messages.push_back(std::move(message));
        }
        return string_to_bytes(env, common_chat_templates_apply(t->templates.get(), inputs).prompt);
    });
}

JNI_METHOD(void, freeTemplates)(JNIEnv *, jclass, jlong templates) {
    delete reinterpret_cast<Templates *>(templates);
}
