"""How long the feature map takes (issue 29): the features of --images validation images at a block
(the eval-mode pass validation makes), then PCA and t-SNE of them, each timed on its own.

The images are a dataset's validation images, repeated with a little noise up to --images when it
has fewer (the built-in sample has 1,000); the network is a checkpoint's, or an untrained one. The
window computes maps on one thread of its inference pool: --threads 1 (the default) times that.

    python benchmarks/embedding_time.py [--images 10000] [--checkpoint best.pt] [--dataset sample]
                                        [--layer block5] [--threads 1] [--device cpu]
"""
from __future__ import annotations

import argparse
import time

from common import report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", type=int, default=10_000)
    ap.add_argument("--checkpoint", default=None, help="default: an untrained network for --dataset")
    ap.add_argument("--dataset", default="sample")
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--input-size", type=int, default=96, help="without --checkpoint")
    ap.add_argument("--layer", default="block5")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu", help="where the features are computed (the projections run on the CPU)")
    a = ap.parse_args()
    import torch

    from googlenet_gui.core.data.sources import load_dataset
    from googlenet_gui.core.inference.predict import Predictor
    from googlenet_gui.core.understanding.embedding import extract_features, pca_2d, tsne_2d

    torch.set_num_threads(a.threads)
    data = load_dataset(a.dataset, a.data_dir, a.input_size)
    if a.checkpoint:
        predictor = Predictor.from_file(a.checkpoint)
    else:
        predictor = Predictor.untrained(data.class_names, data.channels, data.stored_size, a.input_size)
    images = data.val.images
    g = torch.Generator().manual_seed(0)
    while len(images) < a.images:  # more of the same images, each copy with its own noise
        noisy = (data.val.images.float() + torch.randint(-12, 13, data.val.images.shape, generator=g)).clamp(0, 255)
        images = torch.cat([images, noisy.to(torch.uint8)])
    images = images[:a.images]
    model = predictor.model.to(a.device)
    seconds = {}
    start = time.perf_counter()
    features = extract_features(model, predictor.preprocess, images, a.layer)
    seconds["features"] = time.perf_counter() - start
    start = time.perf_counter()
    pca_2d(features.values)
    seconds["pca"] = time.perf_counter() - start
    start = time.perf_counter()
    tsne_2d(features.values, threads=a.threads)
    seconds["tsne"] = time.perf_counter() - start
    report("embedding_time", {"images": len(images), "layer": a.layer, "dimensions": int(features.values.shape[1]),
                              "threads": a.threads, "device": a.device, "seconds": seconds},
           f"feature map of {len(images):,} images at {a.layer} ({features.values.shape[1]} features) on {a.threads} "
           f"thread(s): features {seconds['features']:.1f} s ({a.device}), PCA {seconds['pca']:.2f} s, "
           f"t-SNE {seconds['tsne']:.1f} s")


if __name__ == "__main__":
    main()
