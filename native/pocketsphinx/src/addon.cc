// N-API binding over Debian's libpocketsphinx 0.8+5prealpha (the old cmd_ln_t API).
// One Decoder object wraps one ps_decoder_t. Every method is synchronous: the JS side calls them from a
// worker_threads worker, never from the main event loop. A decoder is used by one thread at a time.
#include <napi.h>

#include <pocketsphinx.h>
#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include <map>
#include <string>
#include <vector>

namespace {

// Language model files already read on this thread, by path. Reading the 27 MB general LM takes most of a new
// decoder's LM set-up; a worker opens one decoder per call channel, so every decoder after the first reuses the
// models it read. Each decoder still gets its own interpolated set: the search rewrites a set's word map for
// its dictionary (ngram_model_set_map_words), and a set shared between decoders was measured to change their
// transcripts. The members are only read. The cache holds one reference per model for the thread's life.
thread_local std::map<std::string, ngram_model_t*> lmFileCache;
// The log tables the cached models were read with. A model does not keep its own reference to them (measured:
// once the decoder that read a model was freed, the next decoders' transcripts changed from run to run), so
// the cache keeps them alive too.
thread_local std::vector<logmath_t*> lmFileLogmaths;

Napi::Value ThrowError(Napi::Env env, const std::string& message) {
  Napi::Error::New(env, message).ThrowAsJavaScriptException();
  return env.Undefined();
}

class Decoder : public Napi::ObjectWrap<Decoder> {
 public:
  static Napi::Function Init(Napi::Env env) {
    return DefineClass(env, "Decoder", {
      InstanceMethod("addWords", &Decoder::AddWords),
      InstanceMethod("setMixedLm", &Decoder::SetMixedLm),
      InstanceMethod("startUtt", &Decoder::StartUtt),
      InstanceMethod("processRaw", &Decoder::ProcessRaw),
      InstanceMethod("hyp", &Decoder::Hyp),
      InstanceMethod("endUtt", &Decoder::EndUtt),
      InstanceMethod("segments", &Decoder::Segments),
      InstanceMethod("confidence", &Decoder::Confidence),
      InstanceMethod("frames", &Decoder::Frames),
      InstanceMethod("free", &Decoder::Free),
    });
  }

  // new Decoder(["-hmm", dir, "-lm", file, "-dict", file, ...]): the pocketsphinx command-line options.
  explicit Decoder(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Decoder>(info) {
    Napi::Env env = info.Env();
    if (info.Length() < 1 || !info[0].IsArray()) {
      ThrowError(env, "Decoder(args: string[]) expects an array of option strings");
      return;
    }
    Napi::Array arr = info[0].As<Napi::Array>();
    std::vector<std::string> args;
    for (uint32_t i = 0; i < arr.Length(); i++) args.push_back(arr.Get(i).ToString().Utf8Value());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    cmd_ln_t* config = cmd_ln_parse_r(nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), FALSE);
    if (config == nullptr) {
      ThrowError(env, "pocketsphinx rejected the decoder options");
      return;
    }
    ps_ = ps_init(config);
    cmd_ln_free_r(config);  // the decoder keeps its own reference
    if (ps_ == nullptr) {
      ThrowError(env, "pocketsphinx could not load the acoustic model, dictionary or language model");
      return;
    }
  }

  ~Decoder() override { Release(); }

 private:
  ps_decoder_t* ps_ = nullptr;
  bool inUtt_ = false;

  int BeginUtt() {
    // Segment times are stream-wide in this release and the stream clock does not advance by exactly the
    // utterance's frames: restarting the stream makes every utterance start at frame 0. The live CMN
    // estimate lives in the feature module and is kept across the restart (the decoder stays warm).
    if (ps_start_stream(ps_) < 0) return -1;
    return ps_start_utt(ps_);
  }

  void Release() {
    if (ps_ != nullptr) {
      if (inUtt_) ps_end_utt(ps_);
      ps_free(ps_);
      ps_ = nullptr;
    }
  }

  bool Ready(Napi::Env env) {
    if (ps_ == nullptr) {
      ThrowError(env, "the decoder was freed");
      return false;
    }
    return true;
  }

  // addWords([[word, "P H O N E S"], ...]): pronunciations of a FEW words missing from the dictionary.
  // Many hundreds of words crash this libpocketsphinx release on the next decode: merge a dictionary file instead.
  Napi::Value AddWords(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    Napi::Array list = info[0].As<Napi::Array>();
    // Only words the dictionary lacks; the last one added must pass update=TRUE so the active search is
    // rebuilt with the new words (a dictionary changed without that update crashes the next decode).
    std::vector<std::pair<std::string, std::string>> todo;
    for (uint32_t i = 0; i < list.Length(); i++) {
      Napi::Array pair = list.Get(i).As<Napi::Array>();
      std::string word = pair.Get(0u).ToString().Utf8Value();
      char* known = ps_lookup_word(ps_, word.c_str());
      if (known != nullptr) {
        ckd_free(known);
        continue;
      }
      bool dup = false;
      for (auto& t : todo) dup = dup || t.first == word;
      if (!dup) todo.emplace_back(word, pair.Get(1u).ToString().Utf8Value());
    }
    uint32_t added = 0;
    for (size_t i = 0; i < todo.size(); i++) {
      bool last = i + 1 == todo.size();
      if (ps_add_word(ps_, todo[i].first.c_str(), todo[i].second.c_str(), last ? TRUE : FALSE) >= 0) {
        added++;
      } else if (last) {
        return ThrowError(env, "pocketsphinx rejected the pronunciation of the last extra word (unknown phone)");
      }
    }
    return Napi::Number::New(env, added);
  }

  // setMixedLm(files: string[], weights: number[]): interpolates n-gram models at run time
  // (sphinxbase ngram_model_set) and makes the mixture the active search.
  Napi::Value SetMixedLm(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    Napi::Array files = info[0].As<Napi::Array>();
    Napi::Array weights = info[1].As<Napi::Array>();
    uint32_t n = files.Length();
    std::vector<ngram_model_t*> models;
    std::vector<std::string> nameStore;
    std::vector<float32> w;
    cmd_ln_t* config = ps_get_config(ps_);
    logmath_t* lmath = ps_get_logmath(ps_);
    for (uint32_t i = 0; i < n; i++) {
      std::string file = files.Get(i).ToString().Utf8Value();
      auto cached = lmFileCache.find(file);
      ngram_model_t* m = cached != lmFileCache.end() ? cached->second : ngram_model_read(config, file.c_str(), NGRAM_AUTO, lmath);
      if (m == nullptr) return ThrowError(env, "pocketsphinx could not read a language model file");
      if (cached == lmFileCache.end()) {
        lmFileCache[file] = m;  // the cache's reference
        lmFileLogmaths.push_back(logmath_retain(lmath));
      }
      models.push_back(m);
      nameStore.push_back("lm" + std::to_string(i));
      w.push_back(static_cast<float32>(weights.Get(i).ToNumber().DoubleValue()));
    }
    std::vector<char*> names;
    for (auto& s : nameStore) names.push_back(const_cast<char*>(s.c_str()));
    // the set takes its own references to the member models
    ngram_model_t* set = ngram_model_set_init(config, models.data(), names.data(), w.data(), static_cast<int32>(n));
    if (set == nullptr) return ThrowError(env, "pocketsphinx could not build the interpolated language model");
    int rv = ps_set_lm(ps_, "mixed", set);  // the search takes its own reference
    ngram_model_free(set);
    if (rv < 0 || ps_set_search(ps_, "mixed") < 0) return ThrowError(env, "pocketsphinx could not switch to the interpolated language model");
    return env.Undefined();
  }

  Napi::Value StartUtt(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    // A decoder made without -lm has no search until setMixedLm: decoding then would crash the library.
    if (ps_get_search(ps_) == nullptr) return ThrowError(env, "the decoder has no language model yet (call setMixedLm first)");
    if (inUtt_) ps_end_utt(ps_);
    if (BeginUtt() < 0) return ThrowError(env, "pocketsphinx could not start an utterance");
    inUtt_ = true;
    return env.Undefined();
  }

  // processRaw(samples: Int16Array): decodes 16-bit PCM at the decoder's sample rate.
  Napi::Value ProcessRaw(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    if (!info[0].IsTypedArray()) return ThrowError(env, "processRaw expects an Int16Array");
    Napi::TypedArray ta = info[0].As<Napi::TypedArray>();
    if (ta.TypedArrayType() != napi_int16_array) return ThrowError(env, "processRaw expects an Int16Array");
    Napi::Int16Array samples = info[0].As<Napi::Int16Array>();
    if (!inUtt_) {
      if (BeginUtt() < 0) return ThrowError(env, "pocketsphinx could not start an utterance");
      inUtt_ = true;
    }
    int frames = ps_process_raw(ps_, samples.Data(), samples.ElementLength(), FALSE, FALSE);
    if (frames < 0) return ThrowError(env, "pocketsphinx failed to decode audio");
    return Napi::Number::New(env, frames);
  }

  // hyp(): { text, score } for the best path so far (or after endUtt, the final one).
  Napi::Value Hyp(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    int32 score = 0;
    char const* text = ps_get_hyp(ps_, &score);
    Napi::Object out = Napi::Object::New(env);
    out.Set("text", Napi::String::New(env, text != nullptr ? text : ""));
    out.Set("score", Napi::Number::New(env, score));
    return out;
  }

  Napi::Value EndUtt(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    if (inUtt_) {
      inUtt_ = false;
      if (ps_end_utt(ps_) < 0) return ThrowError(env, "pocketsphinx could not end the utterance");
    }
    return env.Undefined();
  }

  // segments(): [{ word, start, end, prob }] with start/end in frames (ends inclusive), prob as a
  // linear posterior in [0, 1]. Fillers (<s>, </s>, <sil>, [NOISE]) are included; the caller drops them.
  Napi::Value Segments(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    Napi::Array out = Napi::Array::New(env);
    logmath_t* lmath = ps_get_logmath(ps_);
    uint32_t i = 0;
    for (ps_seg_t* seg = ps_seg_iter(ps_); seg != nullptr; seg = ps_seg_next(seg)) {
      int sf = 0, ef = 0;
      int32 ascr = 0, lscr = 0, lback = 0;
      ps_seg_frames(seg, &sf, &ef);
      int32 post = ps_seg_prob(seg, &ascr, &lscr, &lback);
      Napi::Object o = Napi::Object::New(env);
      o.Set("word", Napi::String::New(env, ps_seg_word(seg)));
      o.Set("start", Napi::Number::New(env, sf));
      o.Set("end", Napi::Number::New(env, ef));
      // lattice posteriors are log values that can round slightly above 0: clamp to a probability
      double p = logmath_exp(lmath, post);
      o.Set("prob", Napi::Number::New(env, p > 1.0 ? 1.0 : p));
      out.Set(i++, o);
    }
    return out;
  }

  // confidence(): posterior probability of the final hypothesis in [0, 1] (needs the lattice: after endUtt).
  Napi::Value Confidence(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    int32 prob = ps_get_prob(ps_);
    double p = logmath_exp(ps_get_logmath(ps_), prob);
    return Napi::Number::New(env, p > 1.0 ? 1.0 : p);
  }

  Napi::Value Frames(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!Ready(env)) return env.Undefined();
    return Napi::Number::New(env, ps_get_n_frames(ps_));
  }

  Napi::Value Free(const Napi::CallbackInfo& info) {
    Release();
    return info.Env().Undefined();
  }
};

// setLogFile(path | null): pocketsphinx logs a lot to stderr by default; null silences it (process-wide).
Napi::Value SetLogFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && info[0].IsString()) {
    if (err_set_logfile(info[0].As<Napi::String>().Utf8Value().c_str()) < 0) return ThrowError(env, "could not open the log file");
  } else {
    err_set_logfp(nullptr);
  }
  return env.Undefined();
}

Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  err_set_logfp(nullptr);
  exports.Set("Decoder", Decoder::Init(env));
  exports.Set("setLogFile", Napi::Function::New(env, SetLogFile));
  return exports;
}

}  // namespace

NODE_API_MODULE(pocketsphinx_addon, InitModule)
