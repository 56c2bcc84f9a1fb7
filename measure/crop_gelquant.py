#!/usr/bin/env python3
"""crop_gelquant.py DIR: the four crops of gelquant's gel-example.png that its authors quantified
(notebook-example.ipynb: image_cropping's boxes), as DIR/crops/crop_<id>.png. CROPS also holds, per crop, the window
(y in the crop) of their area_integrator and where its five values are in a_data.json / b_data.json, for
score_gelquant.py."""
import os, sys
from PIL import Image

# id: ((x0, y0, x1, y1) of image_cropping, (y0, y1) of area_integrator's bounds, (json, index of the 0-min lane))
# a = protein a, b = protein b; 1 = the upper gel, 2 = the lower gel (replicates)
CROPS = {
    'a1': ((30, 300, 205, 480), (75, 155), ('a_data.json', 0)),
    'a2': ((35, 800, 208, 950), (75, 145), ('a_data.json', 5)),
    'b1': ((390, 300, 565, 470), (70, 140), ('b_data.json', 0)),
    'b2': ((390, 800, 565, 950), (70, 140), ('b_data.json', 5)),
}

if __name__ == '__main__':
    d = sys.argv[1]
    os.makedirs(f'{d}/crops', exist_ok=True)
    im = Image.open(f'{d}/gel-example.png')
    for c, (box, _, _) in CROPS.items():
        im.crop(box).save(f'{d}/crops/crop_{c}.png')
