import Glibc

/// Reading a whole input file with the checks every reader shares: it exists (a symbolic link is
/// followed), is a regular file (a FIFO would block, a device never ends), and is not larger than
/// the limits allow. The size is checked with `fstat` on the opened file before anything is read,
/// and the read stops at the limit even if the file grows meanwhile.
package enum InputFile {
  /// The whole file, at most `limits.maxEntryBytes` bytes.
  package static func bytes(atPath path: String, limits: ReadLimits = .standard) throws(DocumentReadError)
    -> [UInt8]
  {
    if let reason = notRegularReason(path) { throw DocumentReadError(path: path, reason: reason) }
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DocumentReadError(path: path, reason: .unreadable(String(cString: strerror(errno))))
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      throw DocumentReadError(path: path, reason: .unreadable("not a regular file"))
    }
    let size = Int(status.st_size)
    if size > limits.maxEntryBytes {
      throw DocumentReadError(path: path, reason: .tooLarge("\(size) bytes, limit \(limits.maxEntryBytes)"))
    }
    var bytes = [UInt8](repeating: 0, count: size + 1)
    var filled = 0
    while true {
      if filled == bytes.count {
        guard bytes.count <= limits.maxEntryBytes else {
          throw DocumentReadError(path: path, reason: .tooLarge("grew beyond \(limits.maxEntryBytes) bytes"))
        }
        bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, 1 << 20)))
      }
      let count = bytes.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw DocumentReadError(path: path, reason: .unreadable(String(cString: strerror(errno))))
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Why `path` cannot be read as an input file (missing, a folder, a FIFO, a device, a broken
  /// link), or nil for a regular file or a link to one.
  package static func notRegularReason(_ path: String) -> DocumentReadError.Reason? {
    var status = stat()
    guard stat(path, &status) == 0 else {
      let error = errno
      var linkStatus = stat()
      if lstat(path, &linkStatus) == 0, linkStatus.st_mode & S_IFMT == S_IFLNK {
        return .unreadable("broken symbolic link")
      }
      return error == ENOENT ? .fileNotFound : .unreadable(String(cString: strerror(error)))
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return .unreadable("is a directory")
    case S_IFIFO: return .unreadable("is a FIFO (named pipe), not a regular file")
    case S_IFCHR, S_IFBLK: return .unreadable("is a device, not a regular file")
    case S_IFSOCK: return .unreadable("is a socket, not a regular file")
    default: return .unreadable("not a regular file")
    }
  }
}
