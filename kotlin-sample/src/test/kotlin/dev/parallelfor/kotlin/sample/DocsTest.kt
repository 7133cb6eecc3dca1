package dev.parallelfor.kotlin.sample

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.Test

/**
 * docs/kotlin.md shows this module's Maven setup and its Kotlin code: each part of the pom marked
 * for it is one of the page's `xml` blocks, and each `kotlin` block is in this module's sources.
 * Compared with runs of white space made one space, so indentation may differ.
 */
class DocsTest {
  private val page = Files.readString(Path.of("../docs/kotlin.md"))

  @Test
  fun everyMarkedPartOfThePomIsOnThePage() {
    val pom = Files.readString(Path.of("pom.xml"))
    val marked = "<!-- docs/kotlin.md: \\w+ -->(.*?)<!-- end of docs/kotlin.md -->"
    val parts =
      Regex(marked, RegexOption.DOT_MATCHES_ALL)
        .findAll(pom)
        .map { normalized(it.groupValues[1]) }
        .toList()
    val xmlBlocks = blocks("xml")

    assertTrue(parts.size == 2, "marked parts of the pom: ${parts.size}")
    for (part in parts) {
      if (part !in xmlBlocks) {
        fail<Unit>("docs/kotlin.md has no xml block equal to this part of pom.xml:\n$part")
      }
    }
  }

  @Test
  fun everyKotlinBlockIsInTheSources() {
    val sources =
      listOf(Path.of("src/main/kotlin"), Path.of("src/test/kotlin"))
        .flatMap { root -> Files.walk(root).use { it.filter(Files::isRegularFile).toList() } }
        .joinToString("\n") { normalized(Files.readString(it)) }
    val kotlinBlocks = blocks("kotlin")

    assertTrue(kotlinBlocks.isNotEmpty(), "docs/kotlin.md has no kotlin block")
    for (block in kotlinBlocks) {
      if (block !in sources) {
        fail<Unit>("this kotlin block of docs/kotlin.md is not in the sources:\n$block")
      }
    }
  }

  private fun blocks(language: String): List<String> =
    Regex("```$language\n(.*?)```", RegexOption.DOT_MATCHES_ALL)
      .findAll(page)
      .map { normalized(it.groupValues[1]) }
      .toList()

  private fun normalized(text: String) = text.trim().replace(Regex("\\s+"), " ")
}
