"""GoogLeNet Studio: train and understand GoogLeNet (Inception v1 with BatchNorm)."""

__version__ = "0.1.0"
