package org.assayquant.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 8-connected components of a mask (letters and words on a film scan or a gel photo): each
 * pixel's label (0 outside the mask, k + 1 in component k) and each component's pixel indices, the
 * components numbered in scan order of their first pixel.
 */
public record Components(int[] label, List<int[]> pixels) {
    public static Components of(boolean[] m, int w, int h) {
        int[] label = new int[m.length];
        int[] stack = new int[m.length];
        List<int[]> pixels = new ArrayList<>();
        for (int s = 0; s < m.length; s++) {
            if (!m[s] || label[s] != 0) continue;
            int id = pixels.size() + 1, top = 0, size = 0;
            int[] pix = new int[16];
            stack[top++] = s;
            label[s] = id;
            while (top > 0) {
                int i = stack[--top], x = i % w, y = i / w;
                if (size == pix.length) pix = Arrays.copyOf(pix, 2 * size);
                pix[size++] = i;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx, yy = y + dy;
                    if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
                    int j = yy * w + xx;
                    if (m[j] && label[j] == 0) { label[j] = id; stack[top++] = j; }
                }
            }
            pixels.add(Arrays.copyOf(pix, size));
        }
        return new Components(label, pixels);
    }
}
