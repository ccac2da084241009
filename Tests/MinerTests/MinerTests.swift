import Testing
@testable import Miner
