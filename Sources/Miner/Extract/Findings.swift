import Foundation

/// What one document claims: its numeric claims, the firms and formulations it names, and the
/// place that submitted it.
///
/// All `start`/`end` offsets in findings are **Unicode scalar offsets** into the text given to
/// `Extractor.findings(in:title:byline:)`: the same numbers as Python `str` indices, half-open
/// (`end` is exclusive). `sentence` is the text of the sentence the finding starts in.
public struct Findings: Sendable, Codable, Equatable {
  /// The submitting place, or nil when no administrative division was recognised.
  public var region: Region?
  public var claims: [NumericClaim]
  public var firms: [Firm]
  public var slogans: [Slogan]

  public init(
    region: Region? = nil, claims: [NumericClaim] = [], firms: [Firm] = [], slogans: [Slogan] = []
  ) {
    self.region = region
    self.claims = claims
    self.firms = firms
    self.slogans = slogans
  }
}

/// How a claim's number relates to the true figure (近/约/多/余/以上 …).
public enum Approximation: String, Sendable, Codable, Equatable {
  case exact
  /// 多, 余, 超, 超过, 突破, 以上, 至少.
  case moreThan = "more_than"
  /// 近, 不足, 不到, 以下, 低于.
  case lessThan = "less_than"
  /// 约, 左右.
  case about
}

/// Why a claim's number is not a plain achieved figure.
public enum ClaimQualifier: String, Sendable, Codable, Equatable {
  /// 预计 …: a projection.
  case projected
  /// 力争, 目标 …: a target.
  case target
  /// 50万元以上 as a band boundary, 35岁及以下 as an age limit.
  case threshold
}

/// A figure a document states, with its normalised value.
///
/// Example: in “整合资金300多万元” the claim is `300多万元` with `value` 3 000 000, `unit` 元,
/// `approx` more_than, `subject` 整合资金.
public struct NumericClaim: Sendable, Codable, Equatable {
  /// The surface text, including adjacent hedges (近, 多, 以上 …).
  public var text: String
  /// The value with 万/亿 applied; money in 元, percentages in percent (84.61 for 84.61%).
  public var value: Double
  /// The upper bound of a range (4至8万元), else nil.
  public var valueMax: Double?
  public var approx: Approximation
  /// 元, %, or the measure word as written (名, 个, 家, 户, 亩, 年, 个月 …).
  public var unit: String
  /// The noun phrase the number measures, best effort (党组织覆盖率, 整合资金).
  public var subject: String
  public var qualifier: ClaimQualifier?
  public var start: Int
  public var end: Int
  public var sentence: String
  /// Where `sentence` lies in the text (Unicode scalar offsets): what the store keeps of it.
  /// Not part of the JSON output.
  public var sentenceRange: Range<Int> = 0..<0

  public init(
    text: String, value: Double, valueMax: Double? = nil, approx: Approximation, unit: String,
    subject: String, qualifier: ClaimQualifier? = nil, start: Int, end: Int, sentence: String,
    sentenceRange: Range<Int> = 0..<0
  ) {
    self.text = text
    self.value = value
    self.valueMax = valueMax
    self.approx = approx
    self.unit = unit
    self.subject = subject
    self.qualifier = qualifier
    self.start = start
    self.end = end
    self.sentence = sentence
    self.sentenceRange = sentenceRange
  }

  enum CodingKeys: String, CodingKey {
    case text, value
    case valueMax = "value_max"
    case approx, unit, subject, qualifier, start, end, sentence
  }
}

/// Whether a named organisation is a company or a cooperative (合作社).
public enum FirmKind: String, Sendable, Codable, Equatable {
  case firm
  /// A farmers' or village cooperative (…专业合作社, 村经济合作社).
  case cooperative
}

/// A named enterprise or cooperative, as written.
///
/// Example: 广西七色珠光有限责任公司, canonical key 七色珠光 (shared with 七色珠光公司).
public struct Firm: Sendable, Codable, Equatable {
  public var text: String
  /// A key that clusters aliases: the name without place prefix, legal form and industry words.
  public var canonical: String
  public var kind: FirmKind
  public var start: Int
  public var end: Int
  public var sentence: String
  /// Where `sentence` lies in the text (Unicode scalar offsets): what the store keeps of it.
  /// Not part of the JSON output.
  public var sentenceRange: Range<Int> = 0..<0

  public init(
    text: String, canonical: String, kind: FirmKind, start: Int, end: Int, sentence: String,
    sentenceRange: Range<Int> = 0..<0
  ) {
    self.text = text
    self.canonical = canonical
    self.kind = kind
    self.start = start
    self.end = end
    self.sentence = sentence
    self.sentenceRange = sentenceRange
  }

  enum CodingKeys: String, CodingKey { case text, canonical, kind, start, end, sentence }
}

/// The template a formulation follows.
public enum SloganKind: String, Sendable, Codable, Equatable {
  /// Built with "+": 党建+项目工程, 1+X+N.
  case plus
  /// A numeral as a count or distributive: 一企一特色, 四个同步, 双报到.
  case numeric
  /// Repeated structure: 党建共促、问题共商…, …到哪里…就…到哪里.
  case parallel
  /// Any other quoted formulation: 保姆式服务, 清零行动.
  case quoted
}

/// A formulation the document promotes: a mechanism, campaign, method, role or brand.
///
/// Example: “一企一特色、一地一品牌” → text 一企一特色、一地一品牌, kind numeric, family 一X一Y、一X一Y.
public struct Slogan: Sendable, Codable, Equatable {
  /// The formulation without quote marks and without a trailing 。.
  public var text: String
  public var kind: SloganKind
  /// A key that puts variants together (separators, width, numerals: 一肩挑 and 一肩三挑 share 肩挑).
  public var family: String
  public var start: Int
  public var end: Int
  public var sentence: String
  /// Where `sentence` lies in the text (Unicode scalar offsets): what the store keeps of it.
  /// Not part of the JSON output.
  public var sentenceRange: Range<Int> = 0..<0

  public init(
    text: String, kind: SloganKind, family: String, start: Int, end: Int, sentence: String,
    sentenceRange: Range<Int> = 0..<0
  ) {
    self.text = text
    self.kind = kind
    self.family = family
    self.start = start
    self.end = end
    self.sentence = sentence
    self.sentenceRange = sentenceRange
  }

  enum CodingKeys: String, CodingKey { case text, kind, family, start, end, sentence }
}

/// The administrative division a document speaks for, in full official names.
///
/// Example: 广西壮族自治区 / 柳州市 / 鹿寨县, code 450223. `county` is nil for city-level pieces;
/// for municipalities `city` repeats the municipality (重庆市 / 重庆市 / 开州区).
public struct Region: Sendable, Codable, Equatable {
  public var province: String?
  public var city: String?
  public var county: String?
  /// The code of the most specific level, from admin-divisions.tsv.
  public var code: String

  public init(province: String?, city: String?, county: String?, code: String) {
    self.province = province
    self.city = city
    self.county = county
    self.code = code
  }

  enum CodingKeys: String, CodingKey { case province, city, county, code }

  /// Writes absent levels as JSON null, so every record has the same four keys.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(province, forKey: .province)
    try c.encode(city, forKey: .city)
    try c.encode(county, forKey: .county)
    try c.encode(code, forKey: .code)
  }
}

/// A failure at the extraction boundary: a vocabulary or gazetteer that cannot be loaded,
/// or gold data that cannot be read.
public struct ExtractError: Error, CustomStringConvertible, Sendable {
  public var description: String
  public init(_ description: String) { self.description = description }
}
