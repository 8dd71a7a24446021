# bash completion for nf-launch: element names after `!` (and first),
# property names after an element, file names after location=, options.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Names come from `nf-inspect --names [ELEMENT]`, so they are always those
# of the installed plugins (or of NF_PLUGIN_PATH's).

# The nf-inspect beside the nf-launch being completed, else the one on PATH.
_nf_launch_inspect ()
{
  local launch
  launch=$(type -P "${COMP_WORDS[0]}" 2>/dev/null)
  if [[ -n $launch && -x ${launch%/*}/nf-inspect ]]; then
    "${launch%/*}/nf-inspect" "$@" 2>/dev/null
  else
    nf-inspect "$@" 2>/dev/null
  fi
}

# The words of the line up to the cursor, with `prop=value` kept as one word
# (bash splits at `=` by default).
_nf_launch_words ()
{
  local line=${COMP_LINE:0:COMP_POINT}
  read -r -a _nf_words <<< "$line"
  if [[ $line == *[[:space:]] || -z $line ]]; then
    _nf_words+=("")
  fi
}

_nf_launch ()
{
  local _nf_words cur element i word
  COMPREPLY=()
  _nf_launch_words
  cur=${_nf_words[-1]}

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--quiet --verbose --threads --max-in-flight --progress --strict --dot --version --help" -- "$cur"))
    return
  fi

  # location=…: a file or folder name
  if [[ $cur == location=* ]]; then
    local path=${cur#location=}
    COMPREPLY=($(compgen -f -- "$path"))
    COMPREPLY=("${COMPREPLY[@]/#/location=}")
    compopt -o nospace 2>/dev/null
    return
  fi
  [[ $cur == *=* ]] && return

  # the element this word belongs to: the first word after the last `!`
  # (or after the options); properties (`a=b`) and branch references (`t.`)
  # are not elements
  element=""
  for ((i = 1; i < ${#_nf_words[@]} - 1; i++)); do
    word=${_nf_words[i]}
    case $word in
      !) element="" ;;
      -j|--threads|--max-in-flight|--dot) ((i++)) ;;
      -*|*=*|*.) ;;
      *) [[ -z $element ]] && element=$word ;;
    esac
  done

  if [[ -z $element ]]; then
    COMPREPLY=($(compgen -W "$(_nf_launch_inspect --names)" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "$(_nf_launch_inspect --names "$element") !" -- "$cur"))
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
  fi
}

complete -F _nf_launch nf-launch
