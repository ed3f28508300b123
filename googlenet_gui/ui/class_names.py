"""Well-known class names (Fashion-MNIST's and CIFAR-10's ten) with their Chinese names beside
the original when the window is in Chinese: "Shirt 衬衫". Other names (a folder's classes) are
shown as they are.

The names are the datasets' own, kept as data here rather than in the .ts file: a class name is
not a string of the app, and a run's checkpoint stores the English original whatever the language.
"""
from __future__ import annotations

from . import i18n

CHINESE = {
    # Fashion-MNIST
    "T-shirt/top": "T恤/上衣", "Trouser": "裤子", "Pullover": "套头衫", "Dress": "连衣裙", "Coat": "外套",
    "Sandal": "凉鞋", "Shirt": "衬衫", "Sneaker": "运动鞋", "Bag": "包", "Ankle boot": "短靴",
    # CIFAR-10
    "airplane": "飞机", "automobile": "汽车", "bird": "鸟", "cat": "猫", "deer": "鹿", "dog": "狗", "frog": "青蛙",
    "horse": "马", "ship": "船", "truck": "卡车",
}


def class_label(name: str) -> str:
    """`name` as the window shows it in the language installed now."""
    if i18n.current_language() == "zh_CN" and name in CHINESE:
        return f"{name} {CHINESE[name]}"
    return name
