import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a jar without the native libraries of other platforms. Run as a source file:
 *
 * <pre>java SlimJar.java IN.jar OUT.jar NATIVE_ROOT/ KEEP_PREFIX/</pre>
 *
 * A platform directory is a directory directly under NATIVE_ROOT that holds a native library
 * (.so, .dll, .dylib, .jnilib) somewhere below it. Entries in platform directories are kept only
 * under KEEP_PREFIX; every other entry (classes, resources) is copied unchanged. Example (the
 * llama.cpp jar on Linux x86-64): {@code de/kherud/llama/ de/kherud/llama/Linux/x86_64/}.
 */
public class SlimJar {
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: java SlimJar.java IN.jar OUT.jar NATIVE_ROOT/ KEEP_PREFIX/");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String root = args[2];
        String keep = args[3];
        int kept = 0;
        int dropped = 0;
        boolean keptNative = false;
        try (ZipFile zip = new ZipFile(in.toFile());
             ZipOutputStream zos = new ZipOutputStream(Files.newOutputStream(out))) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            Set<String> platformDirs = new HashSet<>();
            for (ZipEntry e : entries) {
                String name = e.getName();
                int slash = name.startsWith(root) ? name.indexOf('/', root.length()) : -1;
                if (slash >= 0 && !e.isDirectory() && name.matches(".*\\.(so|dll|dylib|jnilib)")) {
                    platformDirs.add(name.substring(0, slash + 1));
                }
            }
            for (ZipEntry e : entries) {
                String name = e.getName();
                boolean nativeEntry = platformDirs.stream().anyMatch(name::startsWith);
                if (nativeEntry && !name.startsWith(keep) && !(e.isDirectory() && keep.startsWith(name))) {
                    dropped++;
                    continue;
                }
                keptNative |= nativeEntry && !e.isDirectory() && name.startsWith(keep);
                ZipEntry copy = new ZipEntry(name);
                copy.setTime(e.getTime());
                zos.putNextEntry(copy);
                try (InputStream is = zip.getInputStream(e)) {
                    is.transferTo(zos);
                }
                zos.closeEntry();
                kept++;
            }
        }
        if (!keptNative) {
            Files.deleteIfExists(out);
            System.err.println("SlimJar: no entry under " + keep + " in " + in + ": wrong platform prefix?");
            System.exit(1);
        }
        System.out.printf("SlimJar: %s -> %s: kept %d entries, dropped %d (%d -> %d KB)%n", in.getFileName(),
                out.getFileName(), kept, dropped, Files.size(in) / 1024, Files.size(out) / 1024);
    }
}
