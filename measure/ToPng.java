import java.io.File;
import javax.imageio.ImageIO;

/** java ToPng.java IN OUT: OpenCFU's JPEG-compressed TIFFs to PNG (ImageIO reads them; ImageJ's TIFF reader does not). */
public class ToPng {
    public static void main(String[] a) throws Exception {
        var img = ImageIO.read(new File(a[0]));
        if (img == null) throw new IllegalArgumentException(a[0] + ": not readable by ImageIO");
        if (!ImageIO.write(img, "png", new File(a[1]))) throw new IllegalStateException("no PNG writer");
    }
}
