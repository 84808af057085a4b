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

    public var description: String {
        switch self {
        case let .libpng(path, message): return "libpng failed on \(path): \(message)"
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

extension png_image {
    /// libpng's error text, kept in a fixed C array inside the struct.
    fileprivate var messageString: String {
        withUnsafeBytes(of: message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
