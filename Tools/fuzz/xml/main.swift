// libFuzzer harness: reads each input as a `.xml` file. Built by Tools/fuzz/smoke.sh (or by hand) with
//   swift build --scratch-path .build-fuzz -c debug -Xswiftc -sanitize=fuzzer,address --product fuzz-xml
// SwiftPM on Linux links an executable's top-level code as its `main`, which would shadow libFuzzer's,
// so this top-level code hands over to libFuzzer's driver itself (LLVMFuzzerRunDriver, found at run
// time, so that an ordinary build without the fuzzer runtime still links).
import DocumentText
import Glibc

private let reader = DocumentReader()

/// Any outcome but a crash, a hang or a leak is a pass: a typed `DocumentReadError` is the
/// expected answer to most mutated inputs.
private let fuzzOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt = { start, count in
  guard let start else { return 0 }
  let bytes = [UInt8](UnsafeBufferPointer(start: start, count: count))
  _ = try? reader.read(data: bytes, name: "fuzz.xml")
  return 0
}

typealias FuzzerDriver =
  @convention(c) (
    UnsafeMutablePointer<CInt>, UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "LLVMFuzzerRunDriver") else {
  print("fuzz-xml: built without libFuzzer; build with -Xswiftc -sanitize=fuzzer,address")
  exit(2)
}
var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(unsafeBitCast(symbol, to: FuzzerDriver.self)(&argumentCount, &arguments, fuzzOneInput))
