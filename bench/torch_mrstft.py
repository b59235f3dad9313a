"""PyTorch peer of bench/train.ts: MR-STFT loss forward + backward per step (auraloss definition,
torch.stft center=True reflect padding, periodic Hann, resolutions [1024,120,600], [2048,240,1200],
[512,50,240]) on 1 s at 48 kHz, float64, one CPU thread per process as Node uses.
Prints one line: `torch_mrstft_ms <median ms>`. Run by `npm run bench:train` when torch is present."""
import sys
import time

import torch

torch.set_num_threads(1)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 50
T = 48000
RES = [(1024, 120, 600), (2048, 240, 1200), (512, 50, 240)]
g = torch.Generator().manual_seed(2024)
target = torch.randn(T, dtype=torch.float64, generator=g)
est = torch.randn(T, dtype=torch.float64, generator=g, requires_grad=True)
windows = {w: torch.hann_window(w, periodic=True, dtype=torch.float64) for _, _, w in RES}


def mag(x, n, h, w):
    s = torch.stft(x, n, hop_length=h, win_length=w, window=windows[w], center=True,
                   pad_mode="reflect", return_complex=True)
    return torch.sqrt(torch.clamp(s.real ** 2 + s.imag ** 2, min=1e-8))


tmag = [mag(target, *r) for r in RES]
times = []
for _ in range(steps):
    t0 = time.perf_counter()
    loss = 0
    for r, t in zip(RES, tmag):
        e = mag(est, *r)
        loss = loss + torch.linalg.norm(t - e) / torch.linalg.norm(t) + torch.mean(torch.abs(torch.log(t) - torch.log(e)))
    loss = loss / len(RES)
    est.grad = None
    loss.backward()
    times.append((time.perf_counter() - t0) * 1000)
times.sort()
print(f"torch_mrstft_ms {times[len(times) // 2]:.3f}")
