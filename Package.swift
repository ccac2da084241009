// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "CaseMiner",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "caseminer", targets: ["caseminer"]),
    .library(name: "Segmenter", targets: ["Segmenter"]),
    .library(name: "Miner", targets: ["Miner"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // System libraries: module maps carrying link flags only (see PITFALLS.md 1-3).
    .systemLibrary(
      name: "CICU", pkgConfig: "icu-uc",
      providers: [.apt(["libicu-dev"])]),
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CZStream", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CCrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    // ICU through an opaque C API: the .c files include <unicode/*.h>, the public header does not.
    .target(
      name: "CICUShim",
      dependencies: ["CICU"],
      linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
    .target(
      name: "Segmenter",
      dependencies: ["CICUShim"],
      resources: [.copy("Resources")],
      // The hot loops touch only this class's own scratch buffers, never re-entrantly;
      // runtime exclusivity checks cost ~8 % there (perf).
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]),
    .target(
      name: "Miner",
      dependencies: [
        "Segmenter", "CICUShim", "CLibXML2", "CZStream", "CCrypto", "CSQLite",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [.copy("Resources")]),
    .executableTarget(
      name: "caseminer",
      dependencies: [
        "Segmenter", "Miner",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(
      name: "SegmenterTests",
      dependencies: [
        "Segmenter",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "MinerTests",
      dependencies: ["Miner", "Segmenter"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "CLITests",
      dependencies: []),
  ],
  swiftLanguageModes: [.v6]
)
