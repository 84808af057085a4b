#!/usr/bin/env python3
"""Times PyTorch training of the seed and wide CNNs: the reference for `dlexplain bench train`.

The two nets are the ones in Sources/NN/Architecture.swift, layer for layer:
  seed  Conv(1->10, k5) -> maxpool 2 -> ReLU -> Conv(10->20, k5) -> Dropout2d -> maxpool 2 -> ReLU -> 320
        -> Linear 50 -> ReLU -> Dropout -> Linear 10 -> log-softmax; SGD lr 0.01 momentum 0.5
  wide  Conv(1->32, k3) -> ReLU -> maxpool 2 -> Conv(32->64, k3) -> ReLU -> maxpool 2 -> 1600 -> Linear 128
        -> ReLU -> Linear 10 -> log-softmax; Adam lr 1e-3
(the optimizers `dlexplain bench train` uses). Batch 64, 2 threads, NLL loss, Fashion-MNIST standardised with
mean 0.2860 and std 0.3530, read from the IDX .gz files with gzip + numpy.

Like `bench train`, it times only the training steps (data already in memory as tensors, one warm-up batch not
counted) over the first --images training images, and prints `images/s N` on its last line.
"""
import argparse
import gzip
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """An IDX file (gzip-compressed) as a numpy array: magic, one big-endian u32 per dimension, then u8 data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def training_set(directory, count):
    images = read_idx(f"{directory}/train-images-idx3-ubyte.gz")[:count]
    labels = read_idx(f"{directory}/train-labels-idx1-ubyte.gz")[:count]
    x = (images.astype(np.float32) / 255.0 - 0.2860) / 0.3530
    return torch.from_numpy(x).unsqueeze(1), torch.from_numpy(labels.astype(np.int64))


def seed_net():
    return nn.Sequential(
        nn.Conv2d(1, 10, 5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Conv2d(10, 20, 5), nn.Dropout2d(0.5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Flatten(), nn.Linear(320, 50), nn.ReLU(), nn.Dropout(0.5), nn.Linear(50, 10), nn.LogSoftmax(dim=1))


def wide_net():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10), nn.LogSoftmax(dim=1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--arch", choices=["seed", "wide"], default="seed")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--images", type=int, default=10_000)
    parser.add_argument("--data", default=DATA)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x, y = training_set(args.data, args.images)
    model = seed_net() if args.arch == "seed" else wide_net()
    if args.arch == "seed":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.5)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    order = torch.randperm(len(x))

    seen, seconds = 0, 0.0
    for number, start in enumerate(range(0, len(x), args.batch)):
        index = order[start:start + args.batch]
        began = time.perf_counter()
        optimizer.zero_grad()
        loss = F.nll_loss(model(x[index]), y[index])
        loss.backward()
        optimizer.step()
        elapsed = time.perf_counter() - began
        if number == 0:
            continue  # warm-up: allocator and thread-pool start, as in bench train
        seen += len(index)
        seconds += elapsed

    print(f"torch {torch.__version__}: {args.arch}, {seen} images, batch {args.batch}, threads {args.threads}, "
          f"final loss {loss.item():.3f}")
    print(f"images/s {seen / seconds:.0f}")


if __name__ == "__main__":
    main()
