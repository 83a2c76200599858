#!/usr/bin/env python3
"""Load a generator exported by `gue export-generator` into PyTorch and check it against gue.

Usage:
    python3 load_gue_generator.py GENERATOR.safetensors [REFERENCE.safetensors]

The UNet below is written from the architecture in docs/export.md (the DeepConfuse UNet the GUE
authors reuse): module names, and therefore state_dict keys, are the authors'. The safetensors
file is parsed with json + struct + torch.frombuffer only (no `safetensors` package needed).
With a reference file (`gue export-generator --reference-images N`), the script runs the loaded
network in eval mode on gue's reference inputs and reports the largest difference from gue's own
outputs; it exits with status 1 if they disagree by more than float32 noise.
"""
import json
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "I64": torch.int64}


def read_safetensors(path):
    """Returns (tensors, metadata) of a safetensors file."""
    with open(path, "rb") as f:
        blob = f.read()
    (header_len,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + header_len])
    metadata = header.pop("__metadata__", {})
    data = bytearray(blob[8 + header_len:])
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        flat = torch.frombuffer(data[begin:end], dtype=DTYPES[info["dtype"]]) if end > begin \
            else torch.empty(0, dtype=DTYPES[info["dtype"]])
        tensors[name] = flat.reshape(info["shape"]).clone()
    return tensors, metadata


def conv_bn_relu_twice(cin, cout):
    # indices 0..5 give the keys .0 (conv), .1 (BN), .3 (conv), .4 (BN)
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class GueUNet(nn.Module):
    """The authors' generator; output in (-1, 1), the caller multiplies by epsilon."""

    def __init__(self, channels=3, width=64):
        super().__init__()
        w = width
        self.dconv_down1 = conv_bn_relu_twice(channels, w)
        self.dconv_down2 = conv_bn_relu_twice(w, 2 * w)
        self.dconv_down3 = conv_bn_relu_twice(2 * w, 4 * w)
        self.dconv_down4 = conv_bn_relu_twice(4 * w, 8 * w)
        self.dconv_up3 = conv_bn_relu_twice(8 * w + 4 * w, 4 * w)
        self.dconv_up2 = conv_bn_relu_twice(4 * w + 2 * w, 2 * w)
        self.dconv_up1 = conv_bn_relu_twice(2 * w + w, w)
        self.conv_last = nn.Sequential(nn.Conv2d(w, channels, 1), nn.BatchNorm2d(channels))

    @staticmethod
    def up(x):
        return F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True)

    def forward(self, x):
        s1 = self.dconv_down1(x)
        s2 = self.dconv_down2(F.avg_pool2d(s1, 2))
        s3 = self.dconv_down3(F.avg_pool2d(s2, 2))
        x = self.dconv_down4(F.avg_pool2d(s3, 2))
        x = self.dconv_up3(torch.cat([self.up(x), s3], dim=1))  # upsampled first, as the authors
        x = self.dconv_up2(torch.cat([self.up(x), s2], dim=1))
        x = self.dconv_up1(torch.cat([self.up(x), s1], dim=1))
        return torch.tanh(self.conv_last(x))


def load_generator(path):
    """The exported generator as an eval-mode GueUNet, and its epsilon."""
    tensors, meta = read_safetensors(path)
    net = GueUNet(int(meta["in_channels"]), int(meta["base_width"]))
    # gue does not store BatchNorm's batch counter (unused with momentum=0.1): add it for strict loading.
    for name, module in net.named_modules():
        if isinstance(module, nn.BatchNorm2d):
            tensors.setdefault(name + ".num_batches_tracked", torch.tensor(0, dtype=torch.long))
    net.load_state_dict(tensors, strict=True)
    return net.eval(), float(meta["epsilon"])


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    net, eps = load_generator(argv[1])
    params = sum(p.numel() for p in net.parameters())
    print(f"loaded {argv[1]} with strict=True: {params:,} parameters, epsilon {eps:.6f}")
    if len(argv) == 2:
        return 0
    ref, _ = read_safetensors(argv[2])
    with torch.no_grad():
        out = net(ref["input"])
        poisoned = torch.clamp(ref["input"] + eps * out, 0, 1)
    d_out = (out - ref["output"]).abs().max().item()
    d_poison = (poisoned - ref["poisoned"]).abs().max().item()
    levels = ((poisoned * 255).round() - (ref["poisoned"] * 255).round()).abs().max().item()
    print(f"{ref['input'].shape[0]} reference images: max |net(x) - gue| = {d_out:.3g}, "
          f"max |x' - gue x'| = {d_poison:.3g}, max 8-bit difference after rounding = {levels:.0f}/255")
    ok = d_out < 1e-4 and d_poison < 1e-5 and levels <= 1
    print("agree" if ok else "DISAGREE")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
