#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Pages on the file system, through plain POSIX calls: a folder is listed with `readdir`
/// (the entry's type says file, folder or link without a `stat` of each), a page is one
/// `open`, one `fstat` of what was opened, reads straight into the page's buffer and a
/// `close`. Foundation's `FileManager` and `URL.resourceValues` made ~18 `stat`s, 5 opens and
/// 2 `listxattr`s of each page of a folder, on the one thread that feeds all workers.
enum Files {
  /// Every regular file under `root` (recursively), as `root/…/name`, in no particular order,
  /// with a failure for each folder that cannot be listed. Hidden entries (names starting with
  /// `.`) are left out and not entered; a link to a file is that file, named by the link;
  /// links to folders are not followed (no cycles).
  static func regularFiles(under root: String) -> (files: [String], failures: [IngestError]) {
    var files: [String] = []
    var failures: [IngestError] = []
    var folders = [root]
    while let folder = folders.popLast() {
      guard let listing = opendir(folder) else {
        failures.append(IngestError(input: folder, stage: .read, reason: "cannot list the folder (\(reason(errno)))"))
        continue
      }
      defer { closedir(listing) }
      while let entry = readdir(listing) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
          String(validatingCString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
        }
        guard let name else {
          let shown = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
          failures.append(IngestError(input: folder + "/" + shown, stage: .read, reason: "the file name is not UTF-8"))
          continue
        }
        if name.hasPrefix(".") { continue }  // also "." and ".."
        let path = folder == "/" ? "/" + name : folder + "/" + name
        var type = Int32(entry.pointee.d_type)
        if type == Int32(DT_UNKNOWN) {  // file systems that do not fill d_type
          var info = stat()
          guard lstat(path, &info) == 0 else { continue }
          type = Self.direntType(info.st_mode)
        }
        switch type {
        case Int32(DT_DIR): folders.append(path)
        case Int32(DT_REG): files.append(path)
        case Int32(DT_LNK):
          var info = stat()
          if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { files.append(path) }
        default: continue  // FIFOs, sockets and devices found in a folder are not pages
        }
      }
    }
    return (files, failures)
  }

  private static func direntType(_ mode: mode_t) -> Int32 {
    switch mode & S_IFMT {
    case S_IFDIR: Int32(DT_DIR)
    case S_IFREG: Int32(DT_REG)
    case S_IFLNK: Int32(DT_LNK)
    default: Int32(DT_UNKNOWN)
    }
  }

  /// A page's bytes: only a regular file is a page, and only up to `limit` bytes. The file is
  /// opened without blocking (a FIFO with no writer would block `open` forever) and checked
  /// with `fstat` on what was opened, so a link is judged by its target and nothing changes
  /// between the check and the read.
  static func page(_ path: String, limit: Int) throws(IngestError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { throw IngestError(input: path, stage: .read, reason: reason(errno)) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw IngestError(input: path, stage: .read, reason: reason(errno)) }
    let type = info.st_mode & S_IFMT
    guard type == S_IFREG else {
      let kind =
        type == S_IFIFO ? "FIFO" : type == S_IFSOCK ? "socket" : type == S_IFDIR ? "folder" : "device or other special file"
      throw IngestError(input: path, stage: .read, reason: "not a regular file (\(kind))")
    }
    let size = Int(info.st_size)
    if size > limit { throw tooLarge(path, size, limit) }
    return try readAll(fd, path: path, expected: size, limit: limit)
  }

  /// All bytes of a file, a pipe or a device that ends (`/dev/stdin`, `<(…)`), up to `limit`.
  static func contents(_ path: String, limit: Int = Int.max) throws(IngestError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw IngestError(input: path, stage: .read, reason: reason(errno)) }
    defer { close(fd) }
    var info = stat()
    let expected = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
    if info.st_mode & S_IFMT == S_IFDIR {
      throw IngestError(input: path, stage: .read, reason: "is a folder")
    }
    return try readAll(fd, path: path, expected: min(expected, limit), limit: limit)
  }

  /// Reads to the end: first into a buffer of the expected size plus one byte (which sees the
  /// end in the same call), then in 64 KB pieces should the file have grown or have no size.
  private static func readAll(_ fd: Int32, path: String, expected: Int, limit: Int) throws(IngestError) -> [UInt8] {
    var failure: Int32 = 0
    func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
      var filled = 0
      while filled < buffer.count {
        let n = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
        if n > 0 {
          filled += n
        } else if n == 0 {
          break
        } else if errno != EINTR {
          failure = errno
          break
        }
      }
      return filled
    }
    let first = expected + 1
    var bytes = [UInt8](unsafeUninitializedCapacity: first) { buffer, count in count = fill(buffer) }
    if bytes.count == first {
      while failure == 0 {
        let piece = [UInt8](unsafeUninitializedCapacity: 64 << 10) { buffer, count in count = fill(buffer) }
        if piece.isEmpty { break }
        bytes.append(contentsOf: piece)
        if bytes.count > limit { throw tooLarge(path, bytes.count, limit) }
      }
    }
    if failure != 0 { throw IngestError(input: path, stage: .read, reason: reason(failure)) }
    if bytes.count > limit { throw tooLarge(path, bytes.count, limit) }
    return bytes
  }

  private static func tooLarge(_ path: String, _ size: Int, _ limit: Int) -> IngestError {
    IngestError(input: path, stage: .read, reason: "\(size) bytes is over the \(limit >> 20) MB page limit")
  }

  /// The reason for an errno, in the words the store and the tests have used.
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT, ENOTDIR: "no such file"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "is a folder"
    default: String(cString: strerror(code))
    }
  }
}
