/// A node of a parsed document, copied out of libxml2 into Swift values.
public enum Node: Sendable {
  case element(Element)
  case text(String)
}

/// An element with the few attributes extraction needs (id, class, href, content, …).
///
/// Trees are at most `HTMLDocument.maximumDepth` deep: deeper content is flattened into text.
public final class Element: Sendable {
  /// Lowercased tag name (`div`, `p`).
  public let name: String
  /// Kept attributes in document order, names lowercased. Pages have few per element, so a
  /// small array beats a dictionary.
  public let attributes: [(name: String, value: String)]
  public let children: [Node]
  /// Position in document order (0 = the root), for per-element tables during cleaning.
  public let index: Int

  public init(
    name: String, attributes: [(name: String, value: String)] = [], children: [Node] = [],
    index: Int
  ) {
    self.name = name
    self.attributes = attributes
    self.children = children
    self.index = index
  }

  public subscript(attribute: String) -> String? {
    for a in attributes where a.name == attribute { return a.value }
    return nil
  }

  /// All text below this element, concatenated as it appears.
  public var textContent: String {
    var out = ""
    appendText(to: &out)
    return out
  }

  func appendText(to out: inout String) {
    for child in children {
      switch child {
      case .text(let t): out += t
      case .element(let e): e.appendText(to: &out)
      }
    }
  }

  /// Calls `body` for this element and every element below it, in document order.
  public func forEach(_ body: (Element) -> Void) {
    body(self)
    for case .element(let e) in children { e.forEach(body) }
  }

  /// The first element (this one included) named `name`, in document order.
  public func first(named name: String) -> Element? {
    if self.name == name { return self }
    for case .element(let e) in children {
      if let found = e.first(named: name) { return found }
    }
    return nil
  }
}
