// line_source.h: where the shell's input lines come from — a stream (piped stdin, a file) or
// the terminal through libedit, with a prompt, history and table-name completion.
#pragma once

#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace oqs {

class LineSource {
 public:
  virtual ~LineSource() = default;
  // The next line without its line end ("\n" or "\r\n"); nullopt at the end of input.
  // `continuation` selects the continuation prompt.
  virtual std::optional<std::string> readLine(bool continuation) = 0;
  virtual bool interactive() const = 0;
};

class StreamLineSource : public LineSource {
 public:
  explicit StreamLineSource(std::istream& in) : in_(in) {}
  std::optional<std::string> readLine(bool continuation) override;
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
};

// The terminal, through libedit's readline interface. The history file holds one entry per
// line, as osquery's linenoise writes it (not libedit's own format), so the two shells can
// share ~/.osquery/.history; at most 100 entries are kept.
class TerminalLineSource : public LineSource {
 public:
  // `table_names` is asked for the names to complete at each Tab.
  TerminalLineSource(std::string main_prompt, std::string continuation_prompt,
                     std::string history_path,
                     std::function<std::vector<std::string>()> table_names);
  ~TerminalLineSource() override;  // saves the history
  std::optional<std::string> readLine(bool continuation) override;
  bool interactive() const override { return true; }

  static constexpr int kHistoryMax = 100;

 private:
  void loadHistory();
  void saveHistory();

  std::string main_prompt_;
  std::string continuation_prompt_;
  std::string history_path_;
};

// osquery's home for the shell: ~/.osquery, created when missing; when that is impossible, a
// directory under the temporary folder (osqueryHomeDirectory).
std::string osqueryHomeDirectory();

// The prompts: `osquery> ` and `    ...> `, coloured when $TERM contains xterm-256color.
std::string mainPrompt();
std::string continuationPrompt();

}  // namespace oqs
