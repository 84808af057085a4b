import Foundation

extension IDX {
    /// Reads and parses the IDX file at `path` (plain or gzipped); errors name the path.
    public static func read(path: String, expecting content: IDXContent = .any) throws -> IDXArray {
        try parse(bytes: readFile(path), name: path, expecting: content)
    }

    /// Reads a whole file with POSIX calls so permission and "is a directory" failures carry the system's reason.
    static func readFile(_ path: String) throws -> Foundation.Data {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw DataError.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DataError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            let kind = (info.st_mode & S_IFMT) == S_IFDIR ? "it is a directory" : "it is not a regular file"
            throw DataError.unreadable(path: path, reason: kind)
        }
        let size = Int(info.st_size)
        var data = Foundation.Data(count: size)
        var filled = 0
        var failure: Int32 = 0
        data.withUnsafeMutableBytes { buffer in
            while filled < size {
                let n = Foundation.read(fd, buffer.baseAddress! + filled, size - filled)
                if n < 0 { failure = errno; return }
                if n == 0 { return }
                filled += n
            }
        }
        if failure != 0 { throw DataError.unreadable(path: path, reason: String(cString: strerror(failure))) }
        // The file shrank while we read it; parse what is there so the truncation is reported by the parser.
        if filled < size { data.count = filled }
        return data
    }
}
