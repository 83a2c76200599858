#!/usr/bin/env python3
"""Training and inference images/s of the CIFAR ResNet-18 in PyTorch, for comparison with
`./gue bench --arch resnet18` on the same machine (issue 2: "within 10% of PyTorch").

The network is the CIFAR variant gue builds (3x3 stem, no max-pool, BasicBlocks 2-2-2-2,
11,173,962 parameters for 10 classes); the step is SGD with momentum 0.9 and weight decay 5e-4
on cross-entropy, on random 32x32 images, the same work `gue bench` times. Written for this
project; needs only PyTorch (Debian: apt-get install python3-torch; run with /usr/bin/python3).

usage: /usr/bin/python3 tools/pytorch/resnet18_speed.py [--batch-size 128] [--steps 8] [--threads 2]
"""
import argparse
import resource
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, inputs, outputs, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(inputs, outputs, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(outputs)
        self.conv2 = nn.Conv2d(outputs, outputs, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(outputs)
        self.shortcut = nn.Sequential()
        if stride != 1 or inputs != outputs:
            self.shortcut = nn.Sequential(nn.Conv2d(inputs, outputs, 1, stride, bias=False), nn.BatchNorm2d(outputs))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class CifarResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        stages, inputs = [], 64
        for outputs, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
            stages.append(nn.Sequential(Block(inputs, outputs, stride), Block(outputs, outputs, 1)))
            inputs = outputs
        self.stages = nn.Sequential(*stages)
        self.linear = nn.Linear(512, classes)

    def forward(self, x):
        y = self.stages(F.relu(self.bn1(self.conv1(x))))
        return self.linear(F.adaptive_avg_pool2d(y, 1).flatten(1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = CifarResNet18()
    parameters = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, weight_decay=5e-4)
    images = torch.rand(args.batch_size, 3, 32, 32)
    labels = torch.randint(0, 10, (args.batch_size,))

    model.train()
    for step in range(args.warmup + args.steps):
        if step == args.warmup:
            started = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(images), labels).backward()
        optimizer.step()
    train = args.steps * args.batch_size / (time.perf_counter() - started)

    model.eval()
    with torch.no_grad():
        for step in range(args.warmup + args.steps):
            if step == args.warmup:
                started = time.perf_counter()
            model(images)
    inference = args.steps * args.batch_size / (time.perf_counter() - started)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, mkldnn "
          f"{torch.backends.mkldnn.is_available()}, ResNet-18 (CIFAR) {parameters:,} parameters")
    print("| framework | batch | train images/s | inference images/s | peak RSS (MiB) |")
    print("|---|---|---|---|---|")
    print(f"| PyTorch {torch.__version__} | {args.batch_size} | {train:.1f} | {inference:.1f} | {peak_mib:,.0f} |")


if __name__ == "__main__":
    main()
