// N-API hot path of the audio front end: the inner loop of the polyphase resampler (src/audio/resample.ts).
// The TypeScript class keeps all state and calls this once per chunk (one N-API call per 20 ms frame), so the
// call overhead is ~1 us against ~100 us of filtering. The phases come reversed (see the TS caller) so that
// the dot product walks both arrays forward and vectorises (omp simd reduction: no -ffast-math needed).
#include <napi.h>

#include <algorithm>
#include <cstdint>

namespace {

Napi::Value ThrowTypeError(Napi::Env env, const char* message) {
  Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return env.Undefined();
}

// polyphase(buf, base, outIndex, up, down, centre, taps, reversedPhases, out): fills out[0..out.length) with
//   out[o] = sum_k buf[i - base - k] * phases[phi * K + k],  q = (outIndex + o) * down + centre,
//   i = floor(q / up), phi = q mod up, k < min(K, i - base + 1)
// where reversedPhases[phi * K + (K - 1 - k)] = phases[phi * K + k]. Same arithmetic as the TS loop except the
// summation order and precision (float lanes), well below the filter's 80 dB stop band.
Napi::Value Polyphase(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 9 || !info[0].IsTypedArray() || !info[7].IsTypedArray() || !info[8].IsTypedArray()) {
    return ThrowTypeError(env, "polyphase(buf, base, outIndex, up, down, centre, taps, reversedPhases, out)");
  }
  Napi::Float32Array buf = info[0].As<Napi::Float32Array>();
  const int64_t base = info[1].As<Napi::Number>().Int64Value();
  const int64_t outIndex = info[2].As<Napi::Number>().Int64Value();
  const int64_t up = info[3].As<Napi::Number>().Int64Value();
  const int64_t down = info[4].As<Napi::Number>().Int64Value();
  const int64_t centre = info[5].As<Napi::Number>().Int64Value();
  const int64_t taps = info[6].As<Napi::Number>().Int64Value();
  Napi::Float32Array rev = info[7].As<Napi::Float32Array>();
  Napi::Float32Array out = info[8].As<Napi::Float32Array>();
  if (up <= 0 || down <= 0 || taps <= 0 || static_cast<int64_t>(rev.ElementLength()) < up * taps) {
    return ThrowTypeError(env, "polyphase: bad filter shape");
  }
  const float* b = buf.Data();
  const int64_t bufLen = static_cast<int64_t>(buf.ElementLength());
  const float* r = rev.Data();
  float* o = out.Data();
  const int64_t count = static_cast<int64_t>(out.ElementLength());
  for (int64_t n = 0; n < count; n++) {
    const int64_t q = (outIndex + n) * down + centre;
    const int64_t i = q / up, phi = q - i * up;
    const int64_t newest = i - base;  // buffer index of the newest input sample this output uses
    if (newest >= bufLen) return ThrowTypeError(env, "polyphase: output needs input not yet in the buffer");
    const int64_t kMax = std::min(taps, newest + 1);
    const float* x = b + (newest - kMax + 1);          // oldest sample used, walking forward
    const float* h = r + phi * taps + (taps - kMax);   // its coefficient in the reversed phase
    float acc = 0.0f;
#pragma omp simd reduction(+ : acc)
    for (int64_t k = 0; k < kMax; k++) acc += x[k] * h[k];
    o[n] = acc;
  }
  return env.Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("polyphase", Napi::Function::New(env, Polyphase));
  return exports;
}

}  // namespace

NODE_API_MODULE(dsp_addon, Init)
