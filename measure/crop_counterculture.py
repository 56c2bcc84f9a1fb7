#!/usr/bin/env python3
"""crop_counterculture.py DIR: each dish of CounterCulture's three phone photos cut as a square around it, as a user
crops one dish per image (DIR/crops/phone_NN_dK.png; K = 1 top middle, 2 top right, 3 bottom left, 4 bottom middle,
5 bottom right). Centres and radii read by eye on a 1/5 preview (session 14); crop = centre +- (r + 12) preview px."""
import os, sys
from PIL import Image
BOXES = {
    '01': [(362, 212, 110), (588, 220, 110), (230, 425, 115), (460, 425, 115), (690, 425, 115)],
    '02': [(356, 215, 110), (580, 233, 110), (230, 410, 115), (462, 428, 115), (695, 433, 115)],
    '03': [(362, 232, 112), (594, 240, 112), (220, 437, 115), (450, 448, 115), (683, 455, 117)],
}
d = sys.argv[1]
os.makedirs(f'{d}/crops', exist_ok=True)
for n, boxes in BOXES.items():
    im = Image.open(f'{d}/phone_{n}.jpg')
    for i, (x, y, r) in enumerate(boxes, 1):
        m = r + 12
        im.crop(((x - m) * 5, (y - m) * 5, (x + m) * 5, (y + m) * 5)).save(f'{d}/crops/phone_{n}_d{i}.png')
