#!/usr/bin/env python3
"""Times micrograd's moons demo: the reference for `dlexplain bench scalar --micrograd-seconds S`.

The problem is the one in micrograd's demo notebook and in `MicrogradDemo` (Sources/ScalarGrad): 100 two-moons
points with noise 0.1, labels -1/+1, micrograd.nn.MLP(2, [16, 16, 1]), loss = mean(relu(1 - y*score)) + 1e-4 *
sum(p*p) over the parameters, 100 full-batch SGD steps with learning rate 1 - 0.9*k/100.

Garbage collection. Every micrograd node sits in a reference cycle (`out._backward` is a closure that holds `out`),
so a step's graph (~65 000 nodes) is freed only by CPython's cyclic collector. Left alone ("stock"), the collector
runs hundreds of times per step while the graph is being built, each pass walking the objects that survive it; the
figure then mostly measures the collector. Switching it off for the whole run is no better: no graph is ever freed
and memory grows by gigabytes. So by default the GC is *tamed*:
  - gc.freeze() once before the loop: the model, the data and the interpreter's own objects move to the permanent
    generation, so later collections do not walk them again;
  - gc.disable() for the loop, and one gc.collect() at the end of every step, inside the timing: each step pays for
    freeing its own graph once, as our engine's "update + free" does.
`--gc stock` and `--gc off` time the other two choices, for comparison.

Prints the node count of one forward+loss graph, loss and accuracy, and on its last line `seconds S` (the wall time
of the 100 steps) to pass to dlexplain.
"""
import argparse
import gc
import math
import random
import statistics
import time

from micrograd.engine import Value
from micrograd.nn import MLP


def two_moons(count, noise, seed):
    """Two interleaved half circles (the shape of scikit-learn's make_moons), labels -1 (upper) and +1 (lower)."""
    rng = random.Random(seed)
    upper = count // 2
    points, labels = [], []
    for i in range(count):
        if i < upper:
            t = math.pi * i / max(upper - 1, 1)
            x, y, label = math.cos(t), math.sin(t), -1
        else:
            t = math.pi * (i - upper) / max(count - upper - 1, 1)
            x, y, label = 1 - math.cos(t), 0.5 - math.sin(t), 1
        points.append([x + rng.gauss(0, noise), y + rng.gauss(0, noise)])
        labels.append(label)
    return points, labels


def graph_size(root):
    """Nodes reachable from `root` (leaves and constants included)."""
    seen, todo = set(), [root]
    while todo:
        node = todo.pop()
        if id(node) not in seen:
            seen.add(id(node))
            todo.extend(node._prev)
    return len(seen)


def loss_of(model, points, labels):
    scores = [model([Value(x), Value(y)]) for x, y in points]
    margins = [(1 + -label * score).relu() for label, score in zip(labels, scores)]
    data_loss = sum(margins) * (1.0 / len(margins))
    total = data_loss + 1e-4 * sum(p * p for p in model.parameters())
    correct = sum((label > 0) == (score.data > 0) for label, score in zip(labels, scores))
    return total, correct / len(labels)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--points", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1337, help="weight initialisation (Python's random)")
    parser.add_argument("--gc", choices=["tamed", "stock", "off"], default="tamed")
    args = parser.parse_args()

    points, labels = two_moons(args.points, 0.1, seed=1)
    random.seed(args.seed)
    model = MLP(2, [16, 16, 1])
    first, _ = loss_of(model, points, labels)
    print(f"micrograd {len(model.parameters())} parameters, {graph_size(first)} nodes per step, "
          f"{args.steps} steps, gc {args.gc}")
    del first
    gc.collect()

    if args.gc == "tamed":
        gc.freeze()
    if args.gc in ("tamed", "off"):
        gc.disable()
    step_times = []
    start = time.perf_counter()
    for k in range(args.steps):
        step_start = time.perf_counter()
        total, accuracy = loss_of(model, points, labels)
        model.zero_grad()
        total.backward()
        rate = 1.0 - 0.9 * k / 100
        for p in model.parameters():
            p.data -= rate * p.grad
        if k == 0:
            initial = total.data
        final = total.data
        del total
        if args.gc == "tamed":
            gc.collect()
        step_times.append(time.perf_counter() - step_start)
    seconds = time.perf_counter() - start
    gc.enable()

    print(f"loss {initial:.6f} -> {final:.6f}, accuracy {accuracy * 100:.0f}% at the last step")
    print(f"median step {statistics.median(step_times) * 1e3:.1f} ms, fastest {min(step_times) * 1e3:.1f} ms")
    print(f"seconds {seconds:.3f}")


if __name__ == "__main__":
    main()
