# Renders each kramdown test input with Jekyll's own Markdown converter and
# Jekyll 4.3's default kramdown settings (GFM input, auto ids, smart quotes,
# hard_wrap false, rouge); prints one JSON object { file => html }.
# Usage: JEKYLL_NO_BUNDLER_REQUIRE=true ruby render.rb FILE...
require "jekyll"
require "json"
require "tmpdir"

config = Jekyll::Configuration.from("quiet" => true, "source" => __dir__, "destination" => File.join(Dir.tmpdir, "kramdown-suite"))
converter = Jekyll::Site.new(config).find_converter_instance(Jekyll::Converters::Markdown)
rendered = ARGV.to_h { |file| [file, converter.convert(File.read(file, encoding: "UTF-8"))] }
puts JSON.generate(rendered)
