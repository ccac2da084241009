// swift-tools-version: 6.1
// libFuzzer targets over CaseMiner's parsers; a package of its own so that its sanitizer builds
// (.build here) never touch the main package's. Build and run with ./run.sh TARGET [SECONDS].
import PackageDescription

let targets = [
  "FuzzDecoding", "FuzzHTML", "FuzzPlainText", "FuzzSegmenter", "FuzzClaims", "FuzzSearchQuery",
]

let package = Package(
  name: "CaseMinerFuzz",
  platforms: [.macOS(.v14)],
  products: targets.map { .executable(name: $0, targets: [$0]) },
  dependencies: [.package(name: "CaseMiner", path: "..")],
  targets: targets.map {
    .executableTarget(
      name: $0,
      dependencies: [
        .product(name: "Miner", package: "CaseMiner"),
        .product(name: "Segmenter", package: "CaseMiner"), "FuzzDriver",
      ])
  } + [.target(name: "FuzzDriver")],
  swiftLanguageModes: [.v6]
)
