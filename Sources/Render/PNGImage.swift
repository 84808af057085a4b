import Groundwork
import CPNG
import Foundation

/// An 8-bit raster image in memory: grey, grey+alpha, RGB or RGBA, rows top to bottom.
public struct PNGImage: Equatable, Sendable {
    /// Channel layout of the pixels.
    public enum Format: Int, Sendable {
        case gray = 1, grayAlpha = 2, rgb = 3, rgba = 4
        /// Bytes per pixel.
        public var channels: Int { rawValue }
        /// libpng's PNG_FORMAT_* code.
        var pngFormat: UInt32 {
            switch self {
            case .gray: return 0
            case .grayAlpha: return 1       // PNG_FORMAT_FLAG_ALPHA
            case .rgb: return 2             // PNG_FORMAT_FLAG_COLOR
            case .rgba: return 3            // COLOR | ALPHA
            }
        }
    }

    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// Channel layout.
    public var format: Format
    /// `width × height × channels` bytes, row-major.
    public var pixels: [UInt8]

    /// An image filled with one colour (`fill` gives one byte per channel).
    public init(width: Int, height: Int, format: Format, fill: [UInt8]? = nil) {
        precondition(width > 0 && height > 0, "PNGImage needs a positive size")
        self.width = width
        self.height = height
        self.format = format
        let background = fill ?? [UInt8](repeating: 255, count: format.channels)
        precondition(background.count == format.channels, "fill needs one byte per channel")
        var bytes = [UInt8](repeating: 0, count: width * height * format.channels)
        for p in 0..<(width * height) {
            for c in 0..<format.channels { bytes[p * format.channels + c] = background[c] }
        }
        self.pixels = bytes
    }

    /// An image from existing pixel bytes.
    public init(width: Int, height: Int, format: Format, pixels: [UInt8]) {
        precondition(pixels.count == width * height * format.channels, "pixel count does not match size")
        self.width = width
        self.height = height
        self.format = format
        self.pixels = pixels
    }

    /// The channel bytes of pixel (x, y).
    public func pixel(x: Int, y: Int) -> [UInt8] {
        let start = (y * width + x) * format.channels
        return Array(pixels[start..<(start + format.channels)])
    }

    /// Sets pixel (x, y) to `value` (one byte per channel).
    public mutating func setPixel(x: Int, y: Int, _ value: [UInt8]) {
        let start = (y * width + x) * format.channels
        for c in 0..<format.channels { pixels[start + c] = value[c] }
    }
}

/// A failure reported by libpng or the file system while writing or reading a PNG.
public enum PNGError: Error, CustomStringConvertible, Equatable {
    /// libpng refused; carries its own message.
    case libpng(path: String, message: String)
    /// The file could not be read (its reason from the system, e.g. "it is a directory").
    case unreadable(path: String, reason: String)
    /// The bytes do not start with the PNG signature.
    case notPNG(path: String)
    /// The header declares more pixels than `limit`; refused before the pixels are allocated.
    case tooLarge(path: String, width: Int, height: Int, limit: Int)

    public var description: String {
        switch self {
        case let .libpng(path, message): return "libpng failed on \(path): \(message)"
        case let .unreadable(path, reason): return "cannot read the image \(path): \(reason)"
        case let .notPNG(path):
            return "\(path) is not a PNG image (expected the 8-byte PNG signature 89 50 4E 47 0D 0A 1A 0A at its start)"
        case let .tooLarge(path, width, height, limit):
            return "\(path) declares \(width) × \(height) pixels, more than the \(limit) pixels accepted; "
                + "expected an image of at most \(limit) pixels (scale it down first)"
        }
    }
}

extension PNGImage {
    /// Encodes to PNG bytes with libpng's simplified API, adding `tEXt` chunks for `text`
    /// (e.g. `["Title": …, "Software": "dlexplain …", "Comment": the command]`).
    public func pngData(text: [(key: String, value: String)] = []) throws -> Data {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = format.pngFormat
        let stride = Int32(width * format.channels)
        var size = 0
        // First call measures, second writes (the simplified API's documented two-step use).
        let measured = pixels.withUnsafeBytes { raw in
            png_image_write_to_memory(&image, nil, &size, 0, raw.baseAddress, stride, nil)
        }
        guard measured != 0 else { throw PNGError.libpng(path: "<memory>", message: image.messageString) }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBytes { out in
            pixels.withUnsafeBytes { raw in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, raw.baseAddress, stride, nil)
            }
        }
        png_image_free(&image)
        guard written != 0 else { throw PNGError.libpng(path: "<memory>", message: image.messageString) }
        return Data(PNGChunks.insertText(text, into: Array(bytes.prefix(size))))
    }

    /// Writes the image to `path` atomically (temp file + rename), with optional text chunks.
    public func write(to path: String, text: [(key: String, value: String)] = []) throws {
        let data = try pngData(text: text)
        try AtomicFile.write(data, to: path)
    }

    /// Reads a PNG file with libpng's simplified API, converting it to `format`.
    public static func read(from path: String, as format: Format = .rgba) throws -> PNGImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw PNGError.libpng(path: path, message: image.messageString)
        }
        image.format = format.pngFormat
        let width = Int(image.width), height = Int(image.height)
        var bytes = [UInt8](repeating: 0, count: width * height * format.channels)
        let ok = bytes.withUnsafeMutableBytes { out in
            png_image_finish_read(&image, nil, out.baseAddress, Int32(width * format.channels), nil)
        }
        guard ok != 0 else { throw PNGError.libpng(path: path, message: image.messageString) }
        return PNGImage(width: width, height: height, format: format, pixels: bytes)
    }
}

extension PNGImage {
    /// The largest image `decode` accepts: 40 megapixels (160 MB as RGBA), beyond any photo a learner brings.
    public static let maxDecodedPixels = 40_000_000
    /// The largest PNG file `decode(file:)` reads: 256 MiB.
    public static let maxFileBytes = 256 << 20

    /// Reads and decodes the PNG file at `path` (read with `FileBytes`, so a FIFO or directory is refused
    /// without blocking) into 8-bit `format`; see `decode(_:name:as:maxPixels:)`.
    public static func decode(file path: String, as format: Format = .rgba,
                              maxPixels: Int = maxDecodedPixels) throws -> PNGImage {
        let data: Data
        do { data = try FileBytes.read(path, limit: maxFileBytes) } catch let failure as FileBytes.Failure {
            throw PNGError.unreadable(path: path, reason: failure.reason)
        }
        return try decode(data, name: path, as: format, maxPixels: maxPixels)
    }

    /// Decodes PNG bytes of any kind libpng reads — grey, grey+alpha, RGB, RGBA, palette (with or without
    /// `tRNS`), 1 to 16 bits per channel — into 8-bit `format` with libpng's simplified API (16-bit samples
    /// without colour-space chunks are taken as sRGB and scaled to 8 bits; dropping an alpha channel composites
    /// onto black). `name` names the source in
    /// errors. The header's size is checked against `maxPixels` before the pixel buffer is allocated.
    public static func decode(_ data: Data, name: String, as format: Format = .rgba,
                              maxPixels: Int = maxDecodedPixels) throws -> PNGImage {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard data.count >= signature.count, Array(data.prefix(signature.count)) == signature else {
            throw PNGError.notPNG(path: name)
        }
        return try data.withUnsafeBytes { raw -> PNGImage in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw PNGError.libpng(path: name, message: image.messageString)
            }
            // From here on libpng holds state: every exit frees it (finish_read frees it too; freeing twice is safe).
            defer { png_image_free(&image) }
            let width = Int(image.width), height = Int(image.height)
            guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= maxPixels,
                  width <= maxPixels, height <= maxPixels else {
                throw PNGError.tooLarge(path: name, width: width, height: height, limit: maxPixels)
            }
            image.format = format.pngFormat
            // A 16-bit file without gAMA/sRGB chunks would otherwise be taken as linear light and brightened on
            // the way to 8-bit sRGB (0x8080 came out as 186, not 128): take its samples as sRGB, as 8-bit ones are.
            image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
            var bytes = [UInt8](repeating: 0, count: width * height * format.channels)
            let ok = bytes.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, Int32(width * format.channels), nil)
            }
            guard ok != 0 else { throw PNGError.libpng(path: name, message: image.messageString) }
            return PNGImage(width: width, height: height, format: format, pixels: bytes)
        }
    }
}

extension png_image {
    /// libpng's error text, kept in a fixed C array inside the struct.
    fileprivate var messageString: String {
        withUnsafeBytes(of: message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
