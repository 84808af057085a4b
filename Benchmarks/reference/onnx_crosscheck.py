#!/usr/bin/env python3
"""Cross-checks dlexplain's ONNX import and export against PyTorch, Captum and onnxruntime (issue 17).

1. Trains the seeds' CNN in PyTorch (Conv 1->10 k5 -> maxpool 2 -> ReLU -> Conv 10->20 k5 -> Dropout2d -> maxpool 2
   -> ReLU -> x.view(x.size(0), -1) -> Linear 50 -> ReLU -> Dropout -> Linear 10 -> log-softmax) for one epoch on
   the first --train images of Fashion-MNIST (standardised with mean 0.2860, std 0.3530, as dlexplain does), and
   exports it with torch.onnx.export (opset --opset, dynamic batch axis).
2. `dlexplain train --evaluate m.onnx --save-logits`: its test accuracy (10 000 images) must equal PyTorch's, and
   its logits are compared with PyTorch's (the output before log-softmax).
3. `dlexplain explain --model m.onnx --save-maps` for the gradient (|d score/dx|), gradient x input and Integrated
   Gradients (black baseline, midpoint rule, the step count dlexplain settled on) against Captum's Saliency,
   InputXGradient and IntegratedGradients(method="riemann_middle") on the same logit: max |difference| divided by
   max |Captum map| must be <= 1e-4. Integrated Gradients samples the gradient at 64 points between the baseline
   and the image, and the gradient jumps where a max-pool window's two largest values swap or a ReLU's input crosses
   0. Where such a margin at a sampled point is below what float32 resolves (< 1e-6 in the float64 model), the
   jump is decided by rounding, in PyTorch as in dlexplain: Captum's own float32 map then differs from its float64
   map by as much. Such an image is reported as ROUNDING (not a failure) with the margin, Captum float32 against
   Captum float64 and dlexplain against Captum float64; every other image must match to 1e-4.
4. `dlexplain export` of a dlexplain checkpoint (--checkpoint) run in onnxruntime: its log-probabilities against
   dlexplain's own (log-softmax of the logits `train --evaluate --save-logits` writes) to 1e-5.

Needs a venv outside the repository with torch, captum, onnx, onnxruntime and numpy; run from the package root:
    /tmp/venv/bin/python Benchmarks/reference/onnx_crosscheck.py --dlexplain .build/release/dlexplain \
        --checkpoint Output/train/seed.dlxckpt
Prints one line per check and exits non-zero when one fails.
"""
import argparse
import csv
import gzip
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2860, 0.3530


def read_idx(path):
    """An IDX file (gzip-compressed) as a numpy array: magic, one big-endian u32 per dimension, then u8 data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def split(kind, count=None):
    images = read_idx(f"{DATA}/{kind}-images-idx3-ubyte.gz")[:count]
    labels = read_idx(f"{DATA}/{kind}-labels-idx1-ubyte.gz")[:count]
    x = (images.astype(np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(labels.astype(np.int64))


class SeedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def logits(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(x.size(0), -1)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        return self.fc2(x)

    def forward(self, x):
        return F.log_softmax(self.logits(x), dim=1)


class Logits(nn.Module):
    """The score dlexplain's saliency methods differentiate: the output before log-softmax."""
    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return self.net.logits(x)


def run(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def report(name, ok, detail, status=None):
    print(f"{status or ('PASS' if ok else 'FAIL')}  {name}: {detail}")
    return ok


def smallest_kink_margin(net, image, baseline, steps):
    """The float64 model's smallest distance from a kink over IG's sampled points: the gap between the two largest
    values of a max-pool window whose maximum passes the ReLU after it, or |x| at a ReLU's input."""
    def pool_gaps(t):
        c, h, w = t.shape
        windows = t.reshape(c, h // 2, 2, w // 2, 2).permute(0, 1, 3, 2, 4).reshape(c, h // 2, w // 2, 4)
        top = torch.sort(windows, dim=-1, descending=True).values
        gap = (top[..., 0] - top[..., 1]).flatten()
        return gap[(gap > 0) & (top[..., 0].flatten() > 0)]  # exact ties route the same in every implementation

    smallest = float("inf")
    with torch.no_grad():
        for k in range(steps):
            z = baseline + (k + 0.5) / steps * (image - baseline)
            c1 = net.conv1(z)[0]
            p1 = F.max_pool2d(c1.unsqueeze(0), 2)
            c2 = net.conv2(F.relu(p1))[0]
            p2 = F.max_pool2d(c2.unsqueeze(0), 2)
            f1 = net.fc1(F.relu(p2).view(1, -1))
            for values in [pool_gaps(c1), pool_gaps(c2), p1.abs().flatten(), p2.abs().flatten(), f1.abs().flatten()]:
                values = values[values > 0]
                if values.numel():
                    smallest = min(smallest, values.min().item())
    return smallest


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dlexplain", default=".build/release/dlexplain")
    parser.add_argument("--checkpoint", help="a dlexplain checkpoint for the export check (skipped without)")
    parser.add_argument("--train", type=int, default=6000)
    parser.add_argument("--opset", type=int, default=17)
    parser.add_argument("--indices", default="0,1,2")
    parser.add_argument("--work", default=None)
    args = parser.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="dlx-onnx-")
    os.makedirs(work, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    ok = True

    net = SeedNet()
    x, y = split("train", args.train)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.5)
    net.train()
    for i in range(0, len(x), 64):
        opt.zero_grad()
        F.nll_loss(net(x[i:i + 64]), y[i:i + 64]).backward()
        opt.step()
    net.eval()
    model = os.path.join(work, "m.onnx")
    torch.onnx.export(net, torch.zeros(1, 1, 28, 28), model, opset_version=args.opset, input_names=["x"],
                      output_names=["log_probs"], dynamic_axes={"x": {0: "N"}, "log_probs": {0: "N"}}, dynamo=False)
    import onnx
    print(f"exported {model}: opset {args.opset}, ops " + " ".join(n.op_type for n in onnx.load(model).graph.node))

    tx, ty = split("t10k")
    with torch.no_grad():
        torch_logits = net.logits(tx).numpy()
    torch_correct = int((torch_logits.argmax(1) == ty.numpy()).sum())
    logits_path = os.path.join(work, "logits.npy")
    out = run([args.dlexplain, "train", "--evaluate", "--model", model, "--save-logits", logits_path])
    accuracy = re.search(r"test accuracy ([0-9.]+)% \((\d+) images\)", out)
    ours = np.load(logits_path)
    our_correct = int((ours.argmax(1) == ty.numpy()).sum())
    ok &= report("accuracy", our_correct == torch_correct,
                 f"PyTorch {torch_correct}/10000 = {torch_correct / 100:.2f} %, dlexplain {accuracy.group(1)} % "
                 f"({our_correct} correct from its saved logits)")
    diff = np.abs(ours - torch_logits).max()
    ok &= report("logits", diff <= 1e-4 * np.abs(torch_logits).max(), f"max |dlexplain - PyTorch| = {diff:.3g} "
                 f"(largest |logit| {np.abs(torch_logits).max():.3g})")

    from captum.attr import InputXGradient, IntegratedGradients, Saliency
    scorer = Logits(net).eval()
    for index in [int(i) for i in args.indices.split(",")]:
        image = tx[index:index + 1]
        for method in ["saliency", "gradxinput", "ig"]:
            maps = os.path.join(work, f"maps-{index}-{method}")
            out = run([args.dlexplain, "explain", "--model", model, "--index", str(index), "--method", method,
                       "--no-sanity", "--save-maps", maps, "--out", os.path.join(work, f"explain-{index}-{method}")])
            with open(os.path.join(maps, f"{index}-maps.csv")) as f:
                row = next(csv.DictReader(f))
            target = int(row["target_class"])
            ours = np.load(os.path.join(maps, row["file"]))
            if method == "saliency":
                theirs = Saliency(scorer).attribute(image, target=target, abs=True)
            elif method == "gradxinput":
                theirs = InputXGradient(scorer).attribute(image, target=target)
            else:
                steps = int(re.search(r"(\d+) steps", out).group(1))
                baseline = torch.full_like(image, (0 - MEAN) / STD)
                theirs = IntegratedGradients(scorer).attribute(image, baselines=baseline, target=target,
                                                                n_steps=steps, method="riemann_middle")
            theirs = theirs.detach().numpy().reshape(28, 28).astype(np.float64)
            scale = np.abs(theirs).max()
            relative = np.abs(ours - theirs).max() / scale
            extra = f", {steps} steps" if method == "ig" else ""
            detail = f"max |dlexplain - Captum| / max |Captum| = {relative:.2e} (class {target}{extra})"
            if method == "ig" and relative > 1e-4:
                net64 = SeedNet().double()
                net64.load_state_dict(net.state_dict())
                net64.eval()
                image64, baseline64 = image.double(), baseline.double()
                reference = IntegratedGradients(Logits(net64).eval()).attribute(
                    image64, baselines=baseline64, target=target, n_steps=steps, method="riemann_middle")
                reference = reference.detach().numpy().reshape(28, 28)
                margin = smallest_kink_margin(net64, image64, baseline64, steps)
                scale64 = np.abs(reference).max()
                detail += (f"; smallest kink margin at a sampled point {margin:.1e} (float64); against Captum in "
                           f"float64: Captum float32 {np.abs(theirs - reference).max() / scale64:.2e}, "
                           f"dlexplain {np.abs(ours - reference).max() / scale64:.2e}")
                if margin < 1e-6:
                    report(f"{method} image {index}", True, detail, status="ROUNDING")
                    continue
            ok &= report(f"{method} image {index}", relative <= 1e-4, detail)

    if args.checkpoint:
        import onnxruntime as ort
        exported = os.path.join(work, "export.onnx")
        run([args.dlexplain, "export", "--checkpoint", args.checkpoint, "--onnx", exported])
        onnx.checker.check_model(onnx.load(exported))
        session = ort.InferenceSession(exported, providers=["CPUExecutionProvider"])
        ort_out = session.run(None, {"input": tx.numpy()})[0].astype(np.float64)
        ck_logits = os.path.join(work, "checkpoint-logits.npy")
        run([args.dlexplain, "train", "--evaluate", "--model", args.checkpoint, "--save-logits", ck_logits])
        z = np.load(ck_logits).astype(np.float64)
        ours = z - z.max(1, keepdims=True)
        ours = ours - np.log(np.exp(ours).sum(1, keepdims=True))
        diff = np.abs(ours - ort_out).max()
        ok &= report("export -> onnxruntime", diff <= 1e-5,
                     f"max |onnxruntime - dlexplain| log-probability over 10 000 test images = {diff:.3g}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
