import Foundation
import Groundwork

extension ONNXTensor {
    /// The tensor's values as Float, from `raw_data`, `float_data`, `double_data`, the integer fields, or an
    /// external-data file beside the model (`directory`). The count must be what `dims` declares.
    public func floats(directory: String?, limits: ONNXLimits = ONNXLimits()) throws -> [Float] {
        let count = try elementCount(limits: limits)
        guard let type = DataType(rawValue: dataType) else {
            throw ONNXError.invalidTensor(name: name, reason: "element type \(dataType) is not supported; expected "
                + "FLOAT (1), DOUBLE (11), INT64 (7), INT32 (6), INT8 (3) or UINT8 (2)")
        }
        let raw = try rawBytes(directory: directory, limits: limits)
        let values: [Float]
        if let raw {
            let size = type.byteSize
            guard raw.count == count * size else {
                throw ONNXError.invalidTensor(name: name, reason: "its dims \(dims) need \(count * size) bytes of "
                    + "data, it holds \(raw.count)")
            }
            values = (0..<count).map { type.value(raw, at: $0 * size) }
        } else {
            switch type {
            case .float: values = floatData
            case .double: values = doubleData.map { Float(Double(bitPattern: $0)) }
            case .int64: values = int64Data.map { Float($0) }
            case .int32, .int8, .uint8: values = int32Data.map { Float($0) }
            }
            guard values.count == count else {
                throw ONNXError.invalidTensor(name: name, reason: "its dims \(dims) need \(count) values, it holds "
                    + "\(values.count)")
            }
        }
        return values
    }

    /// The values as integers (shapes, axes, indices): INT64 or INT32 tensors.
    public func ints(directory: String?, limits: ONNXLimits = ONNXLimits()) throws -> [Int] {
        let count = try elementCount(limits: limits)
        guard dataType == DataType.int64.rawValue || dataType == DataType.int32.rawValue else {
            throw ONNXError.invalidTensor(name: name, reason: "expected INT64 or INT32 values (a shape or axes), "
                + "found element type \(dataType)")
        }
        let wide = dataType == DataType.int64.rawValue
        if let raw = try rawBytes(directory: directory, limits: limits) {
            let size = wide ? 8 : 4
            guard raw.count == count * size else {
                throw ONNXError.invalidTensor(name: name, reason: "its dims \(dims) need \(count * size) bytes, it holds \(raw.count)")
            }
            return (0..<count).map { i in
                var v: UInt64 = 0
                for b in 0..<size { v |= UInt64(raw[i * size + b]) << (8 * UInt64(b)) }
                return wide ? Int(Int64(bitPattern: v)) : Int(Int32(truncatingIfNeeded: v))
            }
        }
        let values = wide ? int64Data : int32Data
        guard values.count == count else {
            throw ONNXError.invalidTensor(name: name, reason: "its dims \(dims) need \(count) values, it holds \(values.count)")
        }
        return values.map { Int($0) }
    }

    /// `raw_data`, or the bytes of the external file it points to; nil when the values are in a typed field.
    func rawBytes(directory: String?, limits: ONNXLimits) throws -> [UInt8]? {
        guard dataLocation == 1 else { return rawData.isEmpty ? nil : rawData }
        let entries = Dictionary(externalData.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let location = entries["location"], !location.isEmpty else {
            throw ONNXError.invalidTensor(name: name, reason: "external data without a 'location'")
        }
        // The file must sit beside the model (or below it): no absolute path, no '..' climbing out.
        guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
            throw ONNXError.invalidTensor(name: name, reason: "external data location '\(location)' leaves the "
                + "model's folder; expected a file beside the model")
        }
        guard let directory else {
            throw ONNXError.invalidTensor(name: name, reason: "external data '\(location)' but the model was not read from a file")
        }
        func number(_ key: String) throws -> Int? {
            guard let text = entries[key] else { return nil }
            guard let n = Int(text), n >= 0 else {
                throw ONNXError.invalidTensor(name: name, reason: "external data \(key) '\(text)' is not a size")
            }
            return n
        }
        let offset = try number("offset") ?? 0
        let type = DataType(rawValue: dataType)
        let expected = try elementCount(limits: limits) * (type?.byteSize ?? 4)
        let length = try number("length") ?? expected
        guard length == expected else {
            throw ONNXError.invalidTensor(name: name, reason: "external data length \(length) bytes, its dims \(dims) "
                + "need \(expected)")
        }
        guard offset <= limits.fileBytes - length else {
            throw ONNXError.limitExceeded(context: "tensor '\(name)'", what: "external data offset + length",
                                          limit: limits.fileBytes)
        }
        let path = PathText.join(directory, location)
        let data: Data
        do { data = try FileBytes.readPrefix(path, count: offset + length) } catch let failure as FileBytes.Failure {
            throw ONNXError.invalidTensor(name: name, reason: "cannot read its external data \(path): \(failure.reason)")
        }
        guard data.count == offset + length else {
            throw ONNXError.invalidTensor(name: name, reason: "external data \(path) holds \(data.count) bytes, "
                + "expected at least \(offset + length) (offset \(offset) + length \(length))")
        }
        return [UInt8](data.suffix(length))
    }
}

extension ONNXTensor.DataType {
    /// Bytes per element.
    var byteSize: Int {
        switch self {
        case .float, .int32: return 4
        case .double, .int64: return 8
        case .int8, .uint8: return 1
        }
    }

    /// Element `offset` (a byte offset) of little-endian `raw`, as Float.
    func value(_ raw: [UInt8], at offset: Int) -> Float {
        var bits: UInt64 = 0
        for b in 0..<byteSize { bits |= UInt64(raw[offset + b]) << (8 * UInt64(b)) }
        switch self {
        case .float: return Float(bitPattern: UInt32(truncatingIfNeeded: bits))
        case .double: return Float(Double(bitPattern: bits))
        case .int64: return Float(Int64(bitPattern: bits))
        case .int32: return Float(Int32(truncatingIfNeeded: bits))
        case .int8: return Float(Int8(truncatingIfNeeded: bits))
        case .uint8: return Float(UInt8(truncatingIfNeeded: bits))
        }
    }
}
