"""Signal processing shared by feature extraction, augmentation and the reference files for the TypeScript
front end. Everything the TS engine must reproduce is in FEATURE_CONFIG and log_mel().

Front end (written into models/asr-embedded/config.json):
  16 kHz float samples in [-1, 1]; frame i covers samples [160*i, 160*i + 400) (no centre padding, so a
  stream emits frame i as soon as sample 160*i + 399 has arrived); periodic Hann window of 400 samples;
  zero-padded to n_fft 512; power spectrum |X|^2 over 257 bins; 80 triangular HTK-mel filters from 0 to
  8000 Hz (mel = 2595 * log10(1 + f / 700), unnormalised peaks of 1, weights evaluated at bin centre
  frequencies k * 16000 / 512, same as torchaudio melscale_fbanks(norm=None, mel_scale='htk'));
  natural log of max(energy, 1e-10); then (x - mean[bin]) / std[bin] with fixed global stats.
"""
import numpy as np

FEATURE_CONFIG = {
    "sampleRate": 16000, "winLength": 400, "hopLength": 160, "nFft": 512, "window": "hann-periodic",
    "nMels": 80, "fMin": 0.0, "fMax": 8000.0, "melScale": "htk", "melNorm": "none", "power": 2.0,
    "logFloor": 1e-10, "log": "natural", "center": False, "preemphasis": 0.0, "dither": 0.0,
}


def hann_periodic(n):
    return 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)


def hz_to_mel(f):
    return 2595.0 * np.log10(1.0 + np.asarray(f, dtype=np.float64) / 700.0)


def mel_to_hz(m):
    return 700.0 * (10.0 ** (np.asarray(m, dtype=np.float64) / 2595.0) - 1.0)


def mel_filterbank(cfg=FEATURE_CONFIG):
    """(n_bins, n_mels) weights; column j is the triangle of mel band j."""
    n_bins = cfg["nFft"] // 2 + 1
    freqs = np.arange(n_bins) * cfg["sampleRate"] / cfg["nFft"]
    pts = mel_to_hz(np.linspace(hz_to_mel(cfg["fMin"]), hz_to_mel(cfg["fMax"]), cfg["nMels"] + 2))
    fb = np.zeros((n_bins, cfg["nMels"]))
    for j in range(cfg["nMels"]):
        lo, c, hi = pts[j], pts[j + 1], pts[j + 2]
        up = (freqs - lo) / (c - lo)
        down = (hi - freqs) / (hi - c)
        fb[:, j] = np.maximum(0.0, np.minimum(up, down))
    return fb


_FB = mel_filterbank()
_WIN = hann_periodic(FEATURE_CONFIG["winLength"])


def log_mel(x, dtype=np.float32):
    """x: 1-D float samples at 16 kHz in [-1, 1]. Returns (frames, 80) un-normalised log-mel."""
    cfg = FEATURE_CONFIG
    win, hop = cfg["winLength"], cfg["hopLength"]
    x = np.asarray(x, dtype=dtype)
    n = 0 if len(x) < win else 1 + (len(x) - win) // hop
    if n == 0:
        return np.zeros((0, cfg["nMels"]), dtype=np.float32)
    idx = np.arange(win)[None, :] + hop * np.arange(n)[:, None]
    frames = x[idx] * _WIN.astype(dtype)[None, :]
    spec = np.fft.rfft(frames, n=cfg["nFft"], axis=1)
    power = spec.real ** 2 + spec.imag ** 2
    mel = power @ _FB.astype(dtype)
    return np.log(np.maximum(mel, cfg["logFloor"])).astype(np.float32)


# ---------------------------------------------------------------- augmentation

def kaiser_lowpass(cutoff_hz, fs, taps=255, beta=8.0):
    """Windowed-sinc low-pass FIR, unity DC gain."""
    n = np.arange(taps) - (taps - 1) / 2
    h = 2 * cutoff_hz / fs * np.sinc(2 * cutoff_hz / fs * n) * np.kaiser(taps, beta)
    return h / h.sum()


def fft_filter(x, h):
    """Linear convolution, output aligned with the input (group delay removed)."""
    n = len(x) + len(h) - 1
    nfft = 1 << (n - 1).bit_length()
    y = np.fft.irfft(np.fft.rfft(x, nfft) * np.fft.rfft(h, nfft), nfft)[:n]
    d = (len(h) - 1) // 2
    return y[d:d + len(x)]


def mulaw_roundtrip(x, mu=255.0):
    """8-bit mu-law quantisation (continuous mu-law companding, 256 levels), values in [-1, 1]."""
    x = np.clip(x, -1.0, 1.0)
    y = np.sign(x) * np.log1p(mu * np.abs(x)) / np.log1p(mu)
    q = np.round((y + 1) / 2 * 255) / 255 * 2 - 1
    return np.sign(q) * ((1 + mu) ** np.abs(q) - 1) / mu


def telephone_channel(x16, rng):
    """16 kHz -> sharp low-pass (~3.55-3.85 kHz, >= 60 dB stop band above 4 kHz) -> 8 kHz -> mu-law ->
    zero-stuff to 16 kHz -> the same kind of low-pass. Mirrors the server path (mu-law decode, then a
    band-limited windowed-sinc 8k->16k resampler), so nothing above 4 kHz survives, as on a real call."""
    cutoff = rng.uniform(3550, 3850)
    beta = rng.uniform(6.5, 10.0)
    h = kaiser_lowpass(cutoff, 16000, 255, beta)
    if rng.random() < 0.5:  # telephone high-pass (300 Hz-ish): subtract a low-pass
        h_lo = kaiser_lowpass(rng.uniform(150, 300), 16000, 255, 8.0)
        hp = -h_lo
        hp[(len(hp) - 1) // 2] += 1.0
        x16 = fft_filter(x16, hp)
    x8 = fft_filter(x16, h)[::2]
    x8 = mulaw_roundtrip(x8 * rng.uniform(0.5, 1.0))
    up = np.zeros(len(x8) * 2)
    up[::2] = x8
    h2 = kaiser_lowpass(rng.uniform(3550, 3900), 16000, 255, rng.uniform(6.5, 10.0))
    return fft_filter(up, h2) * 2.0


def speed_perturb(x, factor):
    """Kaldi-style speed perturbation (tempo and pitch) by resampling; factor 1.1 = 10% faster."""
    import torch
    import torchaudio.functional as AF
    a, b = int(round(factor * 100)), 100
    return AF.resample(torch.from_numpy(x.astype(np.float32)), a, b).numpy().astype(np.float64)


def add_noise(x, rng, babble=None):
    power = np.mean(x ** 2) + 1e-12
    snr_db = rng.uniform(5, 30)
    kind = rng.random()
    if babble is not None and kind < 0.3:
        b = np.resize(babble, len(x))
        noise = b
    elif kind < 0.65:
        noise = rng.standard_normal(len(x))
    else:  # pink-ish: integrated white noise, high-passed a little
        w = rng.standard_normal(len(x))
        noise = np.cumsum(w)
        noise -= fft_filter(noise, kaiser_lowpass(40, 16000, 255, 6.0))
    noise = noise * np.sqrt(power / (np.mean(noise ** 2) + 1e-12) / 10 ** (snr_db / 10))
    return x + noise
